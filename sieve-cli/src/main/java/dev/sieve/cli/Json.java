package dev.sieve.cli;

import dev.sieve.nn.report.ReportJson;
import java.util.Map;

/** The commands' JSON: {@link ReportJson}, the one writer of every document Sieve writes, under short names. */
final class Json {
    /** {@link ReportJson#VERSION}. */
    static final int VERSION = ReportJson.VERSION;

    private Json() {
    }

    /** {@link ReportJson#document}. */
    static Map<String, Object> document(String command) {
        return ReportJson.document(command);
    }

    /** {@link ReportJson#line}. */
    static String line(Object value) {
        return ReportJson.line(value);
    }

    /** {@link ReportJson#report}. */
    static Map<String, Object> report(String command, Map<String, ?> body) {
        return ReportJson.report(command, body);
    }

    /** {@link ReportJson#write}. */
    static String write(Object value) {
        return ReportJson.write(value);
    }
}
