#!/usr/bin/python3
"""Writes the image pairs and expected values (expected.tsv) that sieve-image's metric tests compare against.

Run with Debian's /usr/bin/python3 (python3-skimage 0.19.3, numpy, scipy, Pillow) from the
repository root:  /usr/bin/python3 scripts/metric-fixtures.py

References:
  * PSNR and SSIM: scikit-image (peak_signal_noise_ratio with data_range 255;
    structural_similarity with gaussian_weights, sigma 1.5, use_sample_covariance False,
    data_range 255), on RGB (channel_axis=-1) and on BT.601 luma.
  * MS-SSIM, VIFp, PSNR-HVS, PSNR-HVS-M: no packaged reference exists, so this file computes them
    independently with numpy/scipy from the papers' definitions (vectorised, whole-image filters),
    written separately from the Java code, to catch transcription and indexing errors there.
Luma is computed in float32 exactly as dev.sieve.image.YCbCr.luma does, so both sides see the
same samples.
"""
import io

import numpy as np
import skimage
from PIL import Image
from scipy.fft import dctn
from scipy.ndimage import gaussian_filter
from scipy.signal import convolve2d
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = "sieve-image/src/test/resources/dev/sieve/image/metrics"
SOURCE = "sieve-image/src/main/resources/dev/sieve/image/samples/kodim07.png"


def luma(rgb):
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    return (np.float32(0.299) * r + np.float32(0.587) * g + np.float32(0.114) * b).astype(np.float64)


def gauss(n, sigma):
    x = np.arange(n) - (n - 1) / 2
    k = np.exp(-x * x / (2 * sigma * sigma))
    k = np.outer(k, k)
    return k / k.sum()


def filt(img, win):
    return convolve2d(img, win[::-1, ::-1], mode="valid")


def stats(x, y, win):
    mx, my = filt(x, win), filt(y, win)
    return mx, my, filt(x * x, win) - mx * mx, filt(y * y, win) - my * my, filt(x * y, win) - mx * my


def ms_ssim(x, y):
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    weights = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]
    win = gauss(11, 1.5)
    out = 1.0
    for j, wj in enumerate(weights):
        mx, my, vx, vy, vxy = stats(x, y, win)
        cs = (2 * vxy + c2) / (vx + vy + c2)
        if j == len(weights) - 1:
            val = np.mean((2 * mx * my + c1) / (mx * mx + my * my + c1) * cs)
        else:
            val = np.mean(cs)
            x, y = halve(x), halve(y)
        out *= max(val, 0.0) ** wj
    return out


def halve(p):
    if p.shape[0] % 2:
        p = np.vstack([p, p[-1:]])
    if p.shape[1] % 2:
        p = np.hstack([p, p[:, -1:]])
    return 0.25 * (p[0::2, 0::2] + p[1::2, 0::2] + p[0::2, 1::2] + p[1::2, 1::2])


def vifp(ref, dist):
    sn, eps = 2.0, 1e-10
    num = den = 0.0
    for s in range(1, 5):
        n = 2 ** (5 - s) + 1
        win = gauss(n, n / 5)
        if s > 1:
            ref, dist = filt(ref, win)[::2, ::2], filt(dist, win)[::2, ::2]
        _, _, s1, s2, s12 = stats(ref, dist, win)
        s1, s2 = np.maximum(s1, 0), np.maximum(s2, 0)
        g = s12 / (s1 + eps)
        sv = s2 - g * s12
        low1 = s1 < eps
        g[low1], sv[low1], s1[low1] = 0, s2[low1], 0
        low2 = s2 < eps
        g[low2], sv[low2] = 0, 0
        neg = g < 0
        sv[neg], g[neg] = s2[neg], 0
        sv[sv <= eps] = eps
        num += np.sum(np.log10(1 + g * g * s1 / (sv + sn)))
        den += np.sum(np.log10(1 + s1 / sn))
    return num / den


Q = np.array([16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
              14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
              18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
              49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99], float).reshape(8, 8)
CSF = np.sqrt(64 / np.sum(Q ** -2.0)) / Q
MASK = (Q.min() / Q) ** 2


def blocks(p):
    h, w = (p.shape[0] // 8) * 8, (p.shape[1] // 8) * 8
    return p[:h, :w].reshape(h // 8, 8, w // 8, 8).transpose(0, 2, 1, 3).reshape(-1, 8, 8)


def masking(b, d):
    ac = MASK.copy()
    ac[0, 0] = 0
    ew = np.sum(d * d * ac, axis=(1, 2))
    v = np.var(b, axis=(1, 2), ddof=1)
    quarters = sum(np.var(b[:, i:i + 4, j:j + 4], axis=(1, 2), ddof=1) for i in (0, 4) for j in (0, 4))
    delta = np.where(v > 0, quarters / (4 * np.where(v > 0, v, 1)), 0)
    return ew * delta / 16


def psnr_hvs(ref, dist):
    a, b = blocks(ref), blocks(dist)
    da, db = dctn(a, axes=(1, 2), norm="ortho"), dctn(b, axes=(1, 2), norm="ortho")
    u = np.abs(da - db)
    hvs = np.mean((u * CSF) ** 2)
    thr = np.sqrt(np.maximum(masking(a, da), masking(b, db)) / 64)[:, None, None] / MASK
    um = np.maximum(u - thr, 0)
    um[:, 0, 0] = u[:, 0, 0]
    hvsm = np.mean((um * CSF) ** 2)
    return tuple(10 * np.log10(255 ** 2 / e) for e in (hvs, hvsm))


def jpeg(rgb, quality):
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def main():
    rng = np.random.default_rng(20261125)
    src = np.asarray(Image.open(SOURCE).convert("RGB"))
    refs = {"house": src[40:208, 300:500], "door": src[300:492, 520:696]}
    pairs = []
    for name, ref in refs.items():
        ref = np.ascontiguousarray(ref)
        noisy = np.clip(ref + rng.normal(0, 8, ref.shape), 0, 255).round().astype(np.uint8)
        blurred = np.clip(gaussian_filter(ref.astype(float), (1.2, 1.2, 0)), 0, 255).round().astype(np.uint8)
        shifted = np.clip(ref * 0.8 + 30, 0, 255).round().astype(np.uint8)
        dists = {"noise": noisy, "jpeg20": jpeg(ref, 20), "blur": blurred, "contrast": shifted}
        Image.fromarray(ref).save(f"{OUT}/{name}.png")
        for dname, dist in dists.items():
            file = f"{name}-{dname}.png"
            Image.fromarray(dist).save(f"{OUT}/{file}")
            yr, yd = luma(ref), luma(dist)
            hvs, hvsm = psnr_hvs(yr, yd)
            ssim = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
            pairs.append({
                "reference": f"{name}.png",
                "distorted": file,
                "psnr_rgb": peak_signal_noise_ratio(ref, dist, data_range=255),
                "psnr_luma": peak_signal_noise_ratio(yr, yd, data_range=255),
                "ssim_rgb": structural_similarity(ref.astype(float), dist.astype(float), channel_axis=-1, **ssim),
                "ssim_luma": structural_similarity(yr, yd, **ssim),
                "ms_ssim_luma": ms_ssim(yr, yd),
                "vifp_luma": vifp(yr, yd),
                "psnr_hvs_luma": hvs,
                "psnr_hvsm_luma": psnr_hvs(yr, yd)[1],
            })
    keys = list(pairs[0])
    with open(f"{OUT}/expected.tsv", "w") as f:
        f.write(f"# made by scripts/metric-fixtures.py from {SOURCE}, scikit-image {skimage.__version__}\n")
        f.write("\t".join(keys) + "\n")
        for p in pairs:
            f.write("\t".join(p[k] if isinstance(p[k], str) else repr(float(p[k])) for k in keys) + "\n")


if __name__ == "__main__":
    main()
