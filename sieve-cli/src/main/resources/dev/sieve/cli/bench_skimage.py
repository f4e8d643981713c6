"""Times scikit-image's PSNR and SSIM on a PNG pair for `sieve bench metrics` (run by /usr/bin/python3).

Usage: bench_skimage.py REF.png DIST.png RUNS. Each timing converts both images to BT.601 luma
(float32, as Sieve does) and computes the metric; prints the median seconds per metric as JSON.
"""
import json
import statistics
import sys
import time

import numpy as np
import skimage
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

Image.MAX_IMAGE_PIXELS = None


def luma(rgb):
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    return (np.float32(0.299) * r + np.float32(0.587) * g + np.float32(0.114) * b).astype(np.float64)


def main():
    ref = np.asarray(Image.open(sys.argv[1]).convert("RGB"))
    dist = np.asarray(Image.open(sys.argv[2]).convert("RGB"))
    runs = int(sys.argv[3])
    metrics = {
        "psnr": lambda: peak_signal_noise_ratio(luma(ref), luma(dist), data_range=255),
        "ssim": lambda: structural_similarity(luma(ref), luma(dist), gaussian_weights=True, sigma=1.5,
                                              use_sample_covariance=False, data_range=255),
    }
    out = {"version": skimage.__version__}
    for name, f in metrics.items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            value = f()
            times.append(time.perf_counter() - t)
        out[name] = {"seconds": statistics.median(times), "value": value}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
