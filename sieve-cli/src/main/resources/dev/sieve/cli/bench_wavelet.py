"""Times scikit-image's denoise_wavelet and the author's pixel deflection for `sieve bench wavelet`
(run by /usr/bin/python3).

Usage: bench_wavelet.py X.f64 H W RUNS, where X.f64 holds the H x W x 3 image in [0, 1] as raw
little-endian float64. Prints the best of RUNS wall times, in milliseconds, of the thesis' denoise
call and of the deflection (K=100, r=10), separated by a space.
"""
import sys, time, numpy as np
from random import randint, seed
from skimage.restoration import denoise_wavelet
path, h, w, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(path, dtype='<f8').reshape(h, w, 3)
def pixel_deflection_without_map(img, deflections, window):
    # iamaaditya/pixel-deflection, verbatim but for its comments
    img = np.copy(img)
    H, W, C = img.shape
    while deflections > 0:
        for c in range(C):
            x,y = randint(0,H-1), randint(0,W-1)
            while True:
                a,b = randint(-1*window,window), randint(-1*window,window)
                if x+a < H and x+a > 0 and y+b < W and y+b > 0: break
            img[x,y,c] = img[x+a,y+b,c]
        deflections -= 1
    return img
def med(f, warm):
    for _ in range(warm): f()
    t = []
    for _ in range(n):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return min(t) * 1000
seed(1)
warm = 3 if h * w < 10**6 else 1
d = med(lambda: denoise_wavelet(x, sigma=0.04, wavelet='db1', mode='soft', convert2ycbcr=True,
                                method='BayesShrink', channel_axis=-1), warm)
p = med(lambda: pixel_deflection_without_map(x, 100, 10), warm)
print(d, p)
