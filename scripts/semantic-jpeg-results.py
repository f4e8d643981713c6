#!/usr/bin/python3
"""Semantic JPEG vs plain JPEG at the same size, measured independently of Sieve.

Runs `./sieve compress` in plain, mosaic and direct mode on photos from Debian packages (and the
built-in kodim07), decodes every output with libjpeg-turbo's djpeg and measures PSNR (RGB, 8-bit)
with scikit-image over the whole image and over the salient region (map >= 0.5, the map Sieve
used, saved with --save-map). Prints a Markdown table.

Usage: scripts/semantic-jpeg-results.py [--map ellipse|fallback] > docs/results/semantic-jpeg.md
Needs: /usr/bin/python3 with scikit-image and Pillow, djpeg (libjpeg-turbo-progs).
"""
import argparse, io, json, os, subprocess, sys, tempfile
import numpy as np
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PHOTOS = [
    ("kodim07 (built-in)", None),
    ("kodim02", "/usr/share/cargo/registry/tiff-0.7.3/tests/benches/kodim02-lzw.tif"),
    ("flower (2268x1512)", "/usr/share/libjxl-testdata/jxl/flower/flower.png"),
]

def djpeg(path):
    return np.asarray(Image.open(io.BytesIO(subprocess.run(["djpeg", "-pnm", path], check=True, capture_output=True).stdout)).convert("RGB"))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--map", choices=["ellipse", "fallback"], default="fallback")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    rows = []
    for name, path in PHOTOS:
        if path and not os.path.exists(path):
            continue
        src = path
        if path is None:
            src = os.path.join(ROOT, "sieve-image/src/main/resources/dev/sieve/image/samples/kodim07.png")
        ref = np.asarray(Image.open(src).convert("RGB"))
        if path and path.endswith(".tif"):
            src = os.path.join(tmp, name + ".png"); Image.fromarray(ref).save(src)
        extra = []
        if args.map == "ellipse":
            h, w = ref.shape[:2]; yy, xx = np.mgrid[0:h, 0:w]
            m = (((xx - w / 2) / (w / 4)) ** 2 + ((yy - h / 2) / (h / 4)) ** 2 < 1).astype(np.uint8) * 255
            mp = os.path.join(tmp, name + "-map.png"); Image.fromarray(m).save(mp); extra = ["--map", mp]
        saved = os.path.join(tmp, name + "-used-map.png")
        for mode in ["plain", "mosaic", "direct"]:
            out = os.path.join(tmp, f"{name}-{mode}.jpg")
            cmd = [os.path.join(ROOT, "sieve"), "compress", src, "-o", out, "--mode", mode, "--json"] + extra
            if mode != "plain":
                cmd += ["--save-map", saved]
            rep = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            dec = djpeg(out)
            sal = np.asarray(Image.open(saved).convert("L")) >= 128 if os.path.exists(saved) else None
            rows.append((name, mode, rep, dec, ref))
        sal = np.asarray(Image.open(saved).convert("L")) >= 128
        for i in range(len(rows) - 3, len(rows)):
            n, mode, rep, dec, r = rows[i]
            rows[i] = (n, mode, rep, peak_signal_noise_ratio(r, dec, data_range=255),
                       peak_signal_noise_ratio(r[sal], dec[sal], data_range=255), sal.mean())
    print(f"Map: {'centre ellipse (half width and height), given with --map' if args.map == 'ellipse' else 'model-free fallback (spectral residual, rank-normalized)'}; "
          "salient region = map >= 0.5. PSNR over RGB, decoded by djpeg, computed by scikit-image.\n")
    print("| photo | mode | bytes | plain Q50 bytes | size | chosen | PSNR dB | PSNR-S dB | salient area |")
    print("|---|---|---:|---:|---:|---|---:|---:|---:|")
    for n, mode, rep, psnr, psnrs, frac in rows:
        chosen = {"plain": f"Q {rep['final_quality']:.2f}", "mosaic": f"Q_f {rep['final_quality']:.2f}",
                  "direct": f"shift {rep['shift']:+.2f} (tables Q {rep['final_quality']:.2f})"}[mode]
        print(f"| {n} | {mode} | {rep['bytes']} | {rep['reference_bytes']} | {100 * rep['size_deviation']:+.2f} % | {chosen} | {psnr:.2f} | {psnrs:.2f} | {100 * frac:.0f} % |")

if __name__ == "__main__":
    main()
