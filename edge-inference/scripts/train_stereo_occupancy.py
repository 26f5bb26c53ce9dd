#!/usr/bin/python3
"""Trains the learned stereo occupancy network of issue 19 part 3 and exports it as three ONNX stages.

Data: the pairs written by the test-scope main org.swarmsense.edge.stereo.RenderBoxScenes (BoxScenes:
seeded ray-cast scenes inside the issue's box X, Y in [-2, 2] m, Z in [1.5, 5.5] m; 128x128 grey, f
110.85 px, baseline 0.5 m), with their ground truth at 8^3, 16^3, 32^3 voxelised as the classical
bench's ground truth. The split is the data set's: scenes 0..train-1 train, the rest are held out.

Network (all sizes fixed before training):
  * features: the same 2-D CNN on both images (5x5 stride 2, then two 3x3; 16 channels at 64x64);
  * cost volume over D = 32 depth planes, the centres of the 32^3 grid's Z slices (1.5625 .. 5.4375 m,
    0.125 m apart), so that the volume's depth axis is the grid's Z axis: for plane Z the right
    features are shifted by the half-size disparity f B / (2 Z) (17.7 px .. 5.1 px, linear
    interpolation between the two whole shifts) and correlated with the left ones in 4 groups of 4
    channels (computed as the interpolation of the correlations at the whole shifts, the same value); the volume is average-pooled to 32x32 pixels and aggregated by one 3-D convolution;
  * a fixed gather maps the camera frustum (32 planes x 32 x 32 pixels) onto the 32^3 voxels (each
    voxel centre projected into the quarter-size image; voxels outside the view read zeros);
  * a 3-D decoder, coarse first, with an exit (occupancy logits, voxel index (z n + y) n + x) per level:
    stage 1 = everything above + encoder down to 8^3 + the 8^3 exit; stage 2 = the 16^3 exit from the
    upsampled 8^3 features and the 16^3 encoder features; stage 3 = the 32^3 exit likewise.
Loss: per level, binary cross-entropy plus (1 - soft IoU); the three levels summed.
Budget: a fixed wall time (--minutes, 9 by default, written down before the first run) of Adam at
--lr, batch 8, seeded; 2 torch threads, run under nice (the 2 cores are shared). Held-out IoU per
level uses the issue's formula (|P and G| + 1) / (|P or G| + 1) with P = logits > 0.

Outputs (--out): stereo_occ_s1.onnx, stereo_occ_s2.onnx, stereo_occ_s3.onnx (opset 13, dynamic batch),
model.json (the model card) and reference.json (torch's logits on held-out scenes, checked against
ONNX Runtime by LearnedOccupancyTest without retraining).

Run: nice -n 5 /usr/bin/python3 edge-inference/scripts/train_stereo_occupancy.py \
       --data edge-inference/target/box-scenes \
       --out edge-inference/src/main/resources/org/swarmsense/edge/stereo/learned-occupancy
"""
import argparse
import json
import math
import os
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 19
PLANES = 32
GROUPS = 4
CHANNELS = 16
LEVELS = (8, 16, 32)
REFERENCE_SCENES = 2          # first held-out scenes whose torch outputs the test checks
REFERENCE_STRIDE_32 = 8        # every 8th 32^3 logit is stored (keeps reference.json small)


def load(data):
    with open(os.path.join(data, "dataset.json")) as f:
        meta = json.load(f)
    n = meta["scenes"]
    imgs = np.zeros((n, 2, meta["sizePx"], meta["sizePx"]), np.float32)
    occ = []
    for i in range(n):
        stem = os.path.join(data, "%05d" % i)
        imgs[i, 0] = cv2.imread(stem + "_left.png", cv2.IMREAD_GRAYSCALE) / 255.0
        imgs[i, 1] = cv2.imread(stem + "_right.png", cv2.IMREAD_GRAYSCALE) / 255.0
        occ.append(np.fromfile(stem + "_occ.bin", np.uint8))
    occ = np.stack(occ).astype(np.float32)
    return meta, torch.from_numpy(imgs), torch.from_numpy(occ)


def split_levels(occ):
    out, k = [], 0
    for n in LEVELS:
        out.append(occ[:, k:k + n ** 3])
        k += n ** 3
    return out


def frustum_index(meta):
    """For each 32^3 voxel, its flat index in the (plane, row, column) quarter-size frustum, or 32^3 if unseen."""
    n = 32
    box = meta["box"]
    side = box[3] / n
    f4 = meta["focalPx"] / 4
    c4 = (meta["cxPx"] + 0.5) / 4 - 0.5
    r4 = (meta["cyPx"] + 0.5) / 4 - 0.5
    w = meta["sizePx"] // 4
    idx = np.full(n ** 3, PLANES * w * w, np.int64)
    for z in range(n):
        zm = box[2] + (z + 0.5) * side
        for y in range(n):
            ym = box[1] + (y + 0.5) * side
            v = int(math.floor(f4 * ym / zm + r4 + 0.5))
            for x in range(n):
                xm = box[0] + (x + 0.5) * side
                u = int(math.floor(f4 * xm / zm + c4 + 0.5))
                if 0 <= u < w and 0 <= v < w:
                    idx[(z * n + y) * n + x] = (z * w + v) * w + u
    return torch.from_numpy(idx)


class Stage1(nn.Module):
    """left, right (B,1,128,128 in [0,1]) -> logits8 (B,512) and the tensors later stages need."""

    def __init__(self, meta):
        super().__init__()
        c = CHANNELS
        self.feat = nn.Sequential(nn.Conv2d(1, c, 5, 2, 2), nn.ReLU(), nn.Conv2d(c, c, 3, 1, 1), nn.ReLU(),
                                  nn.Conv2d(c, c, 3, 1, 1))
        side = meta["box"][3] / PLANES
        fb_half = meta["focalPx"] / 2 * meta["baselineM"]
        self.shifts = [fb_half / (meta["box"][2] + (k + 0.5) * side) for k in range(PLANES)]
        self.agg = nn.Sequential(nn.Conv3d(GROUPS, 8, 3, 1, 1), nn.ReLU())
        self.register_buffer("index", frustum_index(meta), persistent=False)
        self.down16 = nn.Sequential(nn.Conv3d(8, 16, 3, 2, 1), nn.ReLU())
        self.down8 = nn.Sequential(nn.Conv3d(16, 16, 3, 2, 1), nn.ReLU(), nn.Conv3d(16, 16, 3, 1, 1), nn.ReLU())
        self.head8 = nn.Conv3d(16, 1, 1)

    @staticmethod
    def shift(r, s):
        """r moved s whole pixels to the right (zeros enter on the left): r'(x) = r(x - s)."""
        if s == 0:
            return r
        return F.pad(r, (s, 0))[..., :r.shape[-1]]

    def forward(self, left, right):
        fl = self.feat(left)
        fr = self.feat(right)
        b, c, h, w = fl.shape
        # correlation is linear in the right features, so the correlation with the interpolated shift
        # is the interpolation of the correlations at the two whole shifts: one correlation per whole
        # shift (14 of them), not two per plane (64)
        corr = {}
        for i in sorted({int(math.floor(d)) + j for d in self.shifts for j in (0, 1)}):
            corr[i] = (fl * self.shift(fr, i)).view(b, GROUPS, c // GROUPS, h, w).mean(2)
        planes = []
        for d in self.shifts:
            i = int(math.floor(d))
            a = d - i
            planes.append((1 - a) * corr[i] + a * corr[i + 1])
        cost = torch.stack(planes, 2)                      # B, G, D, 64, 64
        cost = F.avg_pool3d(cost, (1, 2, 2))               # B, G, D, 32, 32
        fr3 = self.agg(cost)                               # B, 8, D, 32, 32 (camera frustum)
        flat = fr3.reshape(b, 8, -1)
        flat = torch.cat([flat, torch.zeros_like(flat[:, :, :1])], 2)
        v32 = torch.index_select(flat, 2, self.index).view(b, 8, 32, 32, 32)
        v16 = self.down16(v32)
        e8 = self.down8(v16)
        return self.head8(e8).view(b, -1), e8, v16, v32


class Stage2(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Sequential(nn.Conv3d(32, 8, 3, 1, 1), nn.ReLU())
        self.head = nn.Conv3d(8, 1, 3, 1, 1)

    def forward(self, e8, v16):
        u16 = self.up(torch.cat([F.interpolate(e8, scale_factor=2.0, mode="nearest"), v16], 1))
        return self.head(u16).view(u16.shape[0], -1), u16


class Stage3(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Sequential(nn.Conv3d(16, 8, 1), nn.ReLU())
        self.head = nn.Conv3d(8, 1, 3, 1, 1)

    def forward(self, u16, v32):
        u32 = self.up(torch.cat([F.interpolate(u16, scale_factor=2.0, mode="nearest"), v32], 1))
        return self.head(u32).view(u32.shape[0], -1)


class Net(nn.Module):
    def __init__(self, meta):
        super().__init__()
        self.s1, self.s2, self.s3 = Stage1(meta), Stage2(), Stage3()

    def forward(self, left, right):
        l8, e8, v16, v32 = self.s1(left, right)
        l16, u16 = self.s2(e8, v16)
        return l8, l16, self.s3(u16, v32)


def loss_fn(logits, truths):
    total = 0
    for lg, t in zip(logits, truths):
        p = torch.sigmoid(lg)
        soft_iou = ((p * t).sum(1) + 1) / ((p + t - p * t).sum(1) + 1)
        total = total + F.binary_cross_entropy_with_logits(lg, t) + (1 - soft_iou).mean()
    return total


def iou(logits, truth):
    p = logits > 0
    g = truth > 0.5
    return ((p & g).sum(1).double() + 1) / ((p | g).sum(1).double() + 1)


def evaluate(net, imgs, truths, batch=16):
    net.eval()
    ious = [[] for _ in LEVELS]
    with torch.no_grad():
        for i in range(0, imgs.shape[0], batch):
            out = net(imgs[i:i + batch, :1], imgs[i:i + batch, 1:])
            for k in range(len(LEVELS)):
                ious[k].append(iou(out[k], truths[k][i:i + batch]))
    net.train()
    return [float(torch.cat(v).mean()) for v in ious]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=9.0)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(args.threads)
    meta, imgs, occ = load(args.data)
    ntr = meta["train"]
    levels = split_levels(occ)
    tr_imgs, te_imgs = imgs[:ntr], imgs[ntr:]
    tr_t = [l[:ntr] for l in levels]
    te_t = [l[ntr:] for l in levels]
    net = Net(meta)
    params = sum(p.numel() for p in net.parameters())
    print("scenes %d (train %d, held out %d), parameters %d, budget %.1f min" % (meta["scenes"], ntr,
                                                                                 meta["scenes"] - ntr, params,
                                                                                 args.minutes), flush=True)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    g = torch.Generator().manual_seed(SEED)
    t0 = time.time()
    steps = 0
    epoch = 0
    budget = args.minutes * 60
    while time.time() - t0 < budget:
        perm = torch.randperm(ntr, generator=g)
        for i in range(0, ntr - args.batch + 1, args.batch):
            if time.time() - t0 >= budget:
                break
            b = perm[i:i + args.batch]
            x = tr_imgs[b]
            out = net(x[:, :1], x[:, 1:])
            loss = loss_fn(out, [t[b] for t in tr_t])
            opt.zero_grad()
            loss.backward()
            opt.step()
            steps += 1
            if steps % 20 == 0:
                print("step %d epoch %d loss %.4f %.0f s" % (steps, epoch, loss.item(), time.time() - t0), flush=True)
        epoch += 1
    train_s = time.time() - t0
    held = evaluate(net, te_imgs, te_t)
    print("trained %d steps (%d epochs) in %.0f s; held-out IoU 8/16/32: %s" % (steps, epoch, train_s,
                                                                                 ["%.3f" % v for v in held]), flush=True)

    os.makedirs(args.out, exist_ok=True)
    net.eval()
    x = te_imgs[:REFERENCE_SCENES]
    dyn = lambda names: {n: {0: "batch"} for n in names}
    with torch.no_grad():
        l8, e8, v16, v32 = net.s1(x[:, :1], x[:, 1:])
        l16, u16 = net.s2(e8, v16)
        l32 = net.s3(u16, v32)
        torch.onnx.export(net.s1, (x[:, :1], x[:, 1:]), os.path.join(args.out, "stereo_occ_s1.onnx"),
                          input_names=["left", "right"], output_names=["logits8", "e8", "v16", "v32"],
                          dynamic_axes=dyn(["left", "right", "logits8", "e8", "v16", "v32"]), opset_version=13)
        torch.onnx.export(net.s2, (e8, v16), os.path.join(args.out, "stereo_occ_s2.onnx"),
                          input_names=["e8", "v16"], output_names=["logits16", "u16"],
                          dynamic_axes=dyn(["e8", "v16", "logits16", "u16"]), opset_version=13)
        torch.onnx.export(net.s3, (u16, v32), os.path.join(args.out, "stereo_occ_s3.onnx"),
                          input_names=["u16", "v32"], output_names=["logits32"],
                          dynamic_axes=dyn(["u16", "v32", "logits32"]), opset_version=13)
    reference = {"scenes": [ntr + i for i in range(REFERENCE_SCENES)], "stride32": REFERENCE_STRIDE_32,
                 "logits8": [[round(float(v), 5) for v in r] for r in l8],
                 "logits16": [[round(float(v), 5) for v in r] for r in l16],
                 "logits32": [[round(float(v), 5) for v in r[::REFERENCE_STRIDE_32]] for r in l32]}
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(reference, f)
    card = {"name": "stereo-occupancy", "script": "edge-inference/scripts/train_stereo_occupancy.py", "seed": SEED,
            "data": "BoxScenes (org.swarmsense.edge.stereo), rendered by RenderBoxScenes: %d scenes, seeds 0..%d train,"
                    " %d..%d held out" % (meta["scenes"], ntr - 1, ntr, meta["scenes"] - 1),
            "scenes": meta["scenes"], "train": ntr, "sizePx": meta["sizePx"], "focalPx": meta["focalPx"],
            "baselineM": meta["baselineM"], "box": meta["box"], "planes": PLANES, "channels": CHANNELS,
            "parameters": params, "levels": list(LEVELS),
            "stages": ["stereo_occ_s1.onnx", "stereo_occ_s2.onnx", "stereo_occ_s3.onnx"],
            "exits": ["logits8", "logits16", "logits32"],
            "trainingBudgetMinutes": args.minutes, "trainingSeconds": round(train_s, 1), "steps": steps,
            "epochs": epoch, "batch": args.batch, "lr": args.lr, "threads": args.threads,
            "heldOutIoU": [round(v, 4) for v in held],
            "trainedAt": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())}
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(card, f, indent=1)
    print("written to", args.out, flush=True)


if __name__ == "__main__":
    main()
