#!/usr/bin/python3
"""Extracts frames of a video as PNG files (run with Debian's /usr/bin/python3 and python3-opencv).

usage: extract_frames.py VIDEO OUT_DIR START COUNT STEP
Writes OUT_DIR/frame_NNNNN.png for frames START, START+STEP, ... (COUNT of them, fewer if the video
ends) and prints how many it wrote. Frames are decoded by OpenCV and written losslessly.
"""
import os
import sys

import cv2


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: extract_frames.py VIDEO OUT_DIR START COUNT STEP")
    video, out_dir = sys.argv[1], sys.argv[2]
    start, count, step = (int(a) for a in sys.argv[3:6])
    if start < 0 or count < 1 or step < 1:
        sys.exit("START must be >= 0, COUNT and STEP >= 1, got %d %d %d" % (start, count, step))
    cap = cv2.VideoCapture(video)
    if not cap.isOpened():
        sys.exit("cannot open video: " + video)
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    index = 0
    wanted = start
    while written < count:
        ok, frame = cap.read()
        if not ok:
            break
        if index == wanted:
            cv2.imwrite(os.path.join(out_dir, "frame_%05d.png" % index), frame)
            written += 1
            wanted += step
        index += 1
    print(written)


if __name__ == "__main__":
    main()
