"""Times scikit-image's PSNR and SSIM on a PNG pair for `sieve bench metrics` (run by /usr/bin/python3).

Usage: bench_skimage.py REF.png DIST.png RUNS. One warm-up, then RUNS timings; each converts both
images to BT.601 luma (float32, as Sieve does) and computes the metric. Prints the fastest run's
wall and CPU seconds per metric as JSON.
"""
import json
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
        f()  # warm-up, as on the Java side
        best = None
        for _ in range(runs):
            t, cpu = time.perf_counter(), time.process_time()
            value = f()
            run = (time.perf_counter() - t, time.process_time() - cpu)
            best = run if best is None or run[0] < best[0] else best
        out[name] = {"seconds": best[0], "cpu_seconds": best[1], "value": value}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
