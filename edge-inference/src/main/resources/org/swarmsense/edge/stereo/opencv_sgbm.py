"""OpenCV SGBM reference for `swarmsense bench stereo` (run with Debian /usr/bin/python3 + python3-opencv).

Usage: opencv_sgbm.py LEFT RIGHT OUT_F32 DISPARITIES REPEATS THREADS
Writes the left disparity map as raw little-endian float32 (NaN = invalid) to OUT_F32 and prints one
line: `ms <median> <min> <cpu median> <threads>` over REPEATS timed runs after one warm-up (wall
milliseconds; process CPU milliseconds, all threads; cv2.getNumThreads() as OpenCV reports it
after cv2.setNumThreads(THREADS)). Settings: MODE_SGBM_3WAY,
block 5, colour input, P1 = 8*3*5^2, P2 = 32*3*5^2, uniquenessRatio 10, speckleWindowSize 100,
speckleRange 32 (in 1/16 px, i.e. 2 px), disp12MaxDiff 1: OpenCV's own stereo_match.py sample values.
"""
import sys
import time

import cv2
import numpy as np

left_path, right_path, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
disparities, repeats, threads = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
cv2.setNumThreads(threads)
left = cv2.imread(left_path, cv2.IMREAD_COLOR)
right = cv2.imread(right_path, cv2.IMREAD_COLOR)
if left is None or right is None:
    sys.exit("cannot read " + (left_path if left is None else right_path))
block = 5
sgbm = cv2.StereoSGBM_create(minDisparity=0, numDisparities=disparities, blockSize=block,
                             P1=8 * 3 * block * block, P2=32 * 3 * block * block, disp12MaxDiff=1,
                             uniquenessRatio=10, speckleWindowSize=100, speckleRange=32,
                             mode=cv2.STEREO_SGBM_MODE_SGBM_3WAY)
raw = sgbm.compute(left, right)
times = []
cpu = []
for _ in range(repeats):
    c0 = time.process_time()
    t0 = time.perf_counter()
    raw = sgbm.compute(left, right)
    times.append((time.perf_counter() - t0) * 1000.0)
    cpu.append((time.process_time() - c0) * 1000.0)
disp = raw.astype(np.float32) / 16.0
disp[raw < 0] = np.nan
disp.astype('<f4').tofile(out_path)
print("ms %.3f %.3f %.3f %d" % (float(np.median(times)), float(np.min(times)), float(np.median(cpu)),
                             cv2.getNumThreads()))
