#!/usr/bin/python3
"""Markdown summary of the reports that scripts/semantic-jpeg-rd wrote (one folder per tune).

Usage: scripts/semantic-jpeg-rd-table.py REPORT_DIR MOZJPEG_CJPEG > REPORT_DIR.md
Reads REPORT_DIR/{psnr,psnr-rgb,visual}/{equal_bytes.csv,bd.csv,summary.json}: the mean rows over images.
"""
import csv, datetime, json, os, subprocess, sys

TUNES = [("psnr", "luma (Y) metrics"), ("psnr-rgb", "RGB metrics"), ("visual", "luma (Y) metrics")]
METRICS = ["psnr", "psnr_s", "ms_ssim"]


def mean_rows(path, value):
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["image"] == "mean":
                v = r[value]
                rows[(r["method"], r["baseline"], r["metric"])] = float(v) if v else float("nan")
    return rows


def fmt(v, digits=2, sign=True):
    if v != v:
        return "n/a"
    return f"{v:+.{digits}f}" if sign else f"{v:.{digits}f}"


def main():
    out, moz = sys.argv[1], sys.argv[2]
    first = json.load(open(os.path.join(out, TUNES[0][0], "summary.json")))
    params = first["parameters"]
    images = first["images"]
    print("# Semantic JPEG against libjpeg-turbo and mozjpeg: rate-distortion\n")
    print(f"Made by `scripts/semantic-jpeg-rd` on {datetime.date.today()} with {first['software']}; this page by"
          " `scripts/semantic-jpeg-rd-table.py`. The reports behind it (rd.csv, bd.csv, equal_bytes.csv, summary.json,"
          " rd.png, rd_psnr_s.png) are in `docs/results/semantic-jpeg-rd/TUNE/`.\n")
    print(f"- **Photos**: {len(images)} photos from Debian packages, downscaled 2x by area (`scripts/rd-photos`;"
          " see `docs/results/rd-photos/README.md`), each with a hand-drawn subject map"
          " (`docs/results/rd-photos/maps`). PSNR-S is PSNR over the pixels whose map value is at least"
          f" {params['psnr_s_threshold']}.")
    print("- **Sieve methods** (`sieve eval compression --tune T --modes direct`): `plain` is `sieve compress --mode plain"
          " --tune T` and `direct` is `sieve compress --tune T` with the subject map (saliency weight"
          f" {params['saliency_weight']}), each at the size of classic plain JPEG at quality q (within 1 %); all"
          f" {'progressive (scan script searched per image)' if params.get('progressive') else 'baseline'}.")
    print("- **Baselines**: `cjpeg -optimize -quality q` (libjpeg-turbo 2.1.5, Debian), mozjpeg 3.2 `cjpeg -tune-psnr"
          " -quality q` and mozjpeg 3.2 `cjpeg -quality q` (its default: progressive, trellis, tuned for PSNR-HVS),"
          " built from npm's `mozjpeg@8.0.0` source by `scripts/build-mozjpeg`.")
    print(f"- **Sweep**: q = {', '.join(str(int(q)) for q in params['sweep'])}. Every file is decoded and measured by"
          " Sieve (ImageIO decoder; the metrics match scikit-image within 1e-9, see the metrics tests).")
    print("- **Equal bytes**: Sieve's file at q = 50 (the size of classic JPEG Q50) against each baseline's metric"
          " interpolated (PCHIP over log bytes) at exactly that size; mean over photos. **BD-rate**: Bjontegaard,"
          " piecewise cubic, over the overlapping range; negative = Sieve needs fewer bytes for the same quality.\n")
    for tune, channels in TUNES:
        d = os.path.join(out, tune)
        eq = mean_rows(os.path.join(d, "equal_bytes.csv"), "difference")
        bd = mean_rows(os.path.join(d, "bd.csv"), "bd_rate_percent")
        print(f"## `--tune {tune}` ({channels})\n")
        print("| Sieve | against | dPSNR dB | dPSNR-S dB | dMS-SSIM | BD-rate PSNR | BD-rate PSNR-S | BD-rate MS-SSIM |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for method in ["plain", "direct"]:
            for base in ["cjpeg", "mozjpeg-psnr", "mozjpeg"]:
                e = [eq.get((method, base, m), float("nan")) for m in METRICS]
                b = [bd.get((method, base, m), float("nan")) for m in METRICS]
                print(f"| {method} | {base} | {fmt(e[0])} | {fmt(e[1])} | {fmt(e[2], 4)} | {fmt(b[0], 1)} % |"
                      f" {fmt(b[1], 1)} % | {fmt(b[2], 1)} % |")
        print()
    print("## The issue's targets\n")
    print("| target | measured | met |")
    print("|---|---|---|")
    for tune, channels in TUNES[:2]:
        eq = mean_rows(os.path.join(out, tune, "equal_bytes.csv"), "difference")
        bd = mean_rows(os.path.join(out, tune, "bd.csv"), "bd_rate_percent")
        s, w = eq[("direct", "cjpeg", "psnr_s")], eq[("direct", "cjpeg", "psnr")]
        print(f"| {tune}, direct vs libjpeg-turbo: subject >= +2.5 dB and whole >= 0 dB | {fmt(s)} / {fmt(w)} dB |"
              f" {'yes' if s >= 2.5 and w >= 0 else 'no'} |")
        s, w = eq[("direct", "mozjpeg-psnr", "psnr_s")], eq[("direct", "mozjpeg-psnr", "psnr")]
        print(f"| {tune}, direct vs mozjpeg -tune-psnr: subject >= +1.5 dB and whole >= -0.1 dB | {fmt(s)} / {fmt(w)} dB |"
              f" {'yes' if s >= 1.5 and w >= -0.1 else 'no'} |")
        r = bd[("plain", "mozjpeg-psnr", "psnr")]
        print(f"| {tune}, plain: BD-rate on PSNR vs mozjpeg -tune-psnr <= 0 % | {fmt(r, 1)} % | {'yes' if r <= 0 else 'no'} |")
    bd = mean_rows(os.path.join(out, "visual", "bd.csv"), "bd_rate_percent")
    r = bd[("plain", "mozjpeg", "ms_ssim")]
    print(f"| visual (default), plain: BD-rate on MS-SSIM vs mozjpeg default <= 0 % | {fmt(r, 1)} % | {'yes' if r <= 0 else 'no'} |")
    print()


if __name__ == "__main__":
    main()
