#!/usr/bin/python3
"""Trains swarmsense's own vehicle detector (a small CenterNet-style network) and exports it to ONNX.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx, python3-opencv, python3-numpy):
    /usr/bin/python3 edge-inference/scripts/train_vehicle_detector.py \
        --train DIR [DIR ...] --val DIR [DIR ...] --variant plain --minutes 20 --out OUT
    # robust: start from the plain weights, train on codec-degraded copies (same labels)
    /usr/bin/python3 edge-inference/scripts/train_vehicle_detector.py \
        --train DIR_DEGRADED [...] --val DIR [...] --variant robust --init OUT/vehicle_plain.pt ...
    # the robust weights as shipped (4 mirror views averaged inside the graph): no training, threshold and export
    /usr/bin/python3 edge-inference/scripts/train_vehicle_detector.py --variant robust \
        --init-onnx vehicle_robust.onnx --minutes 0 --tta 4 --val DIR [DIR ...] --out OUT
    # untrained export, to size the network against the time budget
    /usr/bin/python3 edge-inference/scripts/train_vehicle_detector.py --export-untrained --out OUT

A data set DIR is what `swarmsense render` writes: DIR/frames/NNNNNN.png (8-bit RGB) and
DIR/labels.jsonl (one JSON object per frame, "frame" path relative to DIR and "boxes" with x0, y0,
x1, y1 in pixels, x right, y down).

Network (ours, CenterNet-style, Zhou et al. 2019 "Objects as Points"): a 4x4 stride-4 patch stem,
depthwise-separable blocks at strides 4, 8 and 16, a top-down path (nearest upsample + 1x1 lateral,
added) back to stride 4, and three 1x1 heads on the stride-4 map:
  heatmap [N,1,128,128]  sigmoid, one class "vehicle", peak at the box centre;
  size    [N,2,128,128]  box width and height, input pixels;
  offset  [N,2,128,128]  sub-cell offset of the centre, cells (0..1).
Input "image" [N,3,H,W] NCHW float32, RGB scaled to 0..1 (H, W multiples of 16; 512x512 default).
Loss: CenterNet's penalty-reduced focal loss (alpha 2, beta 4) on an elliptical Gaussian heatmap whose
spread follows the box's width and height (TTFNet), L1 on log box size (weight 1) over the cells near the
centre, L1 on the offset (weight 1) at the centre cells.
Augmentation: random 192x192 crops (--crop; evaluation uses whole frames), the 8 flips/rotations by
90 degrees (a nadir camera has no "up"), brightness and
contrast jitter. Seeded (torch, numpy, python); CPU, torch.set_num_threads(--threads, 1 or 2).

Outputs in OUT: vehicle_{variant}.onnx (opset 13), vehicle_{variant}.pt (weights),
vehicle_{variant}.json (training facts: frames, steps, minutes, validation F1 by threshold) and
vehicle_{variant}.reference.json (the exporter's outputs on a fixed input, checked by the Java test).
"""
import argparse, hashlib, json, math, os, random, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 14
STRIDE = 4


def conv_bn(cin, cout, stride=1, k=3, groups=1):
    pad = (k - 1) // 2 if k % 2 else 0
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, pad, groups=groups, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


def separable(cin, cout, stride=1):
    """Depthwise 3x3 then pointwise 1x1, each with BatchNorm and ReLU (MobileNet's block)."""
    return nn.Sequential(conv_bn(cin, cin, stride, 3, cin), conv_bn(cin, cout, 1, 1))


class VehicleNet(nn.Module):
    """Stride-4 CenterNet-style detector. Widths chosen against the 25 ms / 512x512 / 2-thread budget
    (untrained exports timed in ONNX Runtime Java before training: see the model card)."""

    def __init__(self, c4=32, c8=64, c16=96):
        super().__init__()
        self.stem = conv_bn(3, c4, 4, 4)  # 4x4 patches, stride 4: 128x128 cells for a 512x512 frame
        self.s4 = nn.Sequential(separable(c4, c4), separable(c4, c4))
        self.s8 = nn.Sequential(separable(c4, c8, 2), separable(c8, c8))
        self.s16 = nn.Sequential(separable(c8, c16, 2), separable(c16, c16), separable(c16, c16))
        self.lat8 = nn.Conv2d(c16, c8, 1)
        self.fuse8 = separable(c8, c8)
        self.lat4 = nn.Conv2d(c8, c4, 1)
        self.fuse4 = separable(c4, c4)
        self.heat = nn.Conv2d(c4, 1, 1)
        self.size = nn.Conv2d(c4, 2, 1)
        self.offset = nn.Conv2d(c4, 2, 1)
        nn.init.constant_(self.heat.bias, -2.19)  # prior 0.1, as CenterNet initialises its heatmap

    def forward(self, x):
        x4 = self.s4(self.stem(x))
        x8 = self.s8(x4)
        x16 = self.s16(x8)
        y8 = self.fuse8(x8 + F.interpolate(self.lat8(x16), scale_factor=2.0, mode="nearest"))
        y4 = self.fuse4(x4 + F.interpolate(self.lat4(y8), scale_factor=2.0, mode="nearest"))
        return torch.sigmoid(self.heat(y4)), F.softplus(self.size(y4)) * 16.0, torch.sigmoid(self.offset(y4))


class MirrorAverage(nn.Module):
    """Test-time mirror averaging: runs `net` on the frame and on its mirror images, maps each output back
    and averages them. views 2: + left-right mirror; 4: + top-bottom mirror and both (a nadir camera has
    no "up", and training saw every mirror). Outputs keep the network's shapes and meaning: the heatmap and
    box size are averaged cell by cell; the offset of a mirrored axis is 1 - offset (a centre at cell
    i + o of n cells lies at cell n - 1 - i + (1 - o) in the mirror, as the stride-4 cells tile the frame
    exactly). The exported graph holds the network once per view (shared weights)."""

    FLIPS = {1: [()], 2: [(), (3,)], 4: [(), (3,), (2,), (2, 3)]}

    def __init__(self, net, views):
        super().__init__()
        if views not in self.FLIPS:
            raise SystemExit(f"--tta {views}: must be one of {sorted(self.FLIPS)}")
        self.net, self.views = net, views

    @staticmethod
    def mirror(t, dims):
        return torch.flip(t, dims) if dims else t  # exported as Slice with step -1, any height and width

    def forward(self, x):
        hs, ss, os_ = [], [], []
        for dims in self.FLIPS[self.views]:
            h, s, o = self.net(self.mirror(x, dims))
            h, s, o = self.mirror(h, dims), self.mirror(s, dims), self.mirror(o, dims)
            if dims:
                ox = 1 - o[:, 0:1] if 3 in dims else o[:, 0:1]
                oy = 1 - o[:, 1:2] if 2 in dims else o[:, 1:2]
                o = torch.cat([ox, oy], 1)
            hs.append(h); ss.append(s); os_.append(o)
        k = float(len(hs))
        return sum(hs) / k, sum(ss) / k, sum(os_) / k


# ---------------------------------------------------------------- data


MIN_VISIBLE = 0.5  # a vehicle with less of its footprint inside the frame is an ignored truth in scoring


def read_set(d):
    """[(png path, boxes [n,4], visible [n])]; training uses every box, scoring ignores low-visibility ones."""
    frames = []
    with open(os.path.join(d, "labels.jsonl")) as f:
        for line in f:
            line = line.strip()
            if line:
                o = json.loads(line)
                boxes = [(b["x0"], b["y0"], b["x1"], b["y1"]) for b in o["boxes"]]
                vis = [b.get("visible", 1.0) for b in o["boxes"]]
                frames.append((os.path.join(d, o["frame"]), np.array(boxes, np.float32).reshape(-1, 4),
                               np.array(vis, np.float32)))
    return frames


def load_image(path):
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise SystemExit("cannot read frame " + path)
    return np.ascontiguousarray(img[:, :, ::-1])  # BGR -> RGB, HxWx3 uint8


# Heatmap target: an elliptical Gaussian per vehicle whose spread follows the box's width and height
# separately (TTFNet, Liu et al. 2019, "Training-Time-Friendly Network for Real-Time Object
# Detection": sigma = alpha * side / 6 with alpha 0.54). The earlier round Gaussian, radius a third of
# the *smaller* side, gave a long bus or truck a target one cell wide, and the trained model put
# several peaks along it (diagnosed on Berlin, see the model card).
GAUSS_ALPHA = 0.54
MIN_SIGMA_CELLS = 0.5
# Box size is also supervised around the centre, at every cell where the vehicle's Gaussian is at
# least this high (weighted by it), not only at the centre cell (TTFNet's idea again: more size
# samples per vehicle, faster convergence of the box regression).
SIZE_REGION = 0.2


def targets(boxes, hc, wc):
    """Heatmap [hc,wc], size [2,hc,wc] (pixels), offset [2,hc,wc] (cells), offset mask [hc,wc] (centre
    cells), size weight [hc,wc] (Gaussian weight where a vehicle's Gaussian >= SIZE_REGION)."""
    heat = np.zeros((hc, wc), np.float32)
    size = np.zeros((2, hc, wc), np.float32)
    off = np.zeros((2, hc, wc), np.float32)
    mask = np.zeros((hc, wc), np.float32)
    swt = np.zeros((hc, wc), np.float32)
    ys, xs = np.mgrid[0:hc, 0:wc].astype(np.float32)
    for x0, y0, x1, y1 in boxes:
        w, h = x1 - x0, y1 - y0
        if w <= 1 or h <= 1:
            continue
        cx, cy = (x0 + x1) / 2 / STRIDE, (y0 + y1) / 2 / STRIDE
        ix, iy = int(cx), int(cy)
        if not (0 <= ix < wc and 0 <= iy < hc):
            continue
        sx = max(MIN_SIGMA_CELLS, GAUSS_ALPHA * w / 6 / STRIDE)
        sy = max(MIN_SIGMA_CELLS, GAUSS_ALPHA * h / 6 / STRIDE)
        rx, ry = int(3 * sx) + 1, int(3 * sy) + 1
        ya, yb, xa, xb = max(0, iy - ry), min(hc, iy + ry + 1), max(0, ix - rx), min(wc, ix + rx + 1)
        g = np.exp(-((xs[ya:yb, xa:xb] - ix) ** 2 / (2 * sx * sx) + (ys[ya:yb, xa:xb] - iy) ** 2 / (2 * sy * sy)))
        hv = heat[ya:yb, xa:xb]
        own = (g >= SIZE_REGION) & (g > hv)  # cells where this vehicle is the strongest: its size there
        size[0, ya:yb, xa:xb][own] = w
        size[1, ya:yb, xa:xb][own] = h
        swt[ya:yb, xa:xb][own] = g[own]
        np.maximum(hv, g, out=hv)
        heat[iy, ix] = 1.0
        size[:, iy, ix] = (w, h)
        swt[iy, ix] = 1.0
        off[:, iy, ix] = (cx - ix, cy - iy)
        mask[iy, ix] = 1.0
    return heat, size, off, mask, swt


def transform(img, boxes, k, flip):
    """Rotate by k*90 degrees counter-clockwise and optionally flip left-right; boxes follow."""
    h, w = img.shape[:2]
    b = boxes.copy()
    if flip:
        img = img[:, ::-1]
        b[:, [0, 2]] = w - b[:, [2, 0]]
    for _ in range(k):
        hh, ww = img.shape[:2]
        img = np.rot90(img)  # counter-clockwise: new (x, y) = (y, ww - x)
        b = np.stack([b[:, 1], ww - b[:, 2], b[:, 3], ww - b[:, 0]], axis=1)
    return np.ascontiguousarray(img), b


def crop(img, boxes, size, rng):
    """A random size x size crop, in 70% of the cases placed to hold a random vehicle's centre (frames
    hold few vehicles); keeps the boxes whose centre lies inside, clipped to the crop."""
    h, w = img.shape[:2]
    if size >= min(h, w):
        return img, boxes
    if len(boxes) and rng.random() < 0.7:
        b0 = boxes[rng.randrange(len(boxes))]
        cx, cy = int((b0[0] + b0[2]) / 2), int((b0[1] + b0[3]) / 2)
        xb, yb = min(w - size, max(0, cx - 8)), min(h - size, max(0, cy - 8))
        x = rng.randint(min(xb, max(0, cx - size + 8)), xb)
        y = rng.randint(min(yb, max(0, cy - size + 8)), yb)
    else:
        x, y = rng.randint(0, w - size), rng.randint(0, h - size)
    b = boxes - np.array([x, y, x, y], np.float32)
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    b = np.clip(b[(cx >= 0) & (cx < size) & (cy >= 0) & (cy < size)], 0, size)
    return img[y:y + size, x:x + size], b


def batch(samples, rng, augment, crop_px=0):
    """samples: (image HxWx3 uint8, boxes) -> tensors (images, heatmap, size, offset, mask)."""
    imgs, hs, ss, os_, ms, ws = [], [], [], [], [], []
    for img, boxes in samples:
        if augment:
            img, boxes = crop(img, boxes, crop_px, rng)
            img, boxes = transform(img, boxes, rng.randint(0, 3), rng.random() < 0.5)
        x = img.astype(np.float32) / 255.0
        if augment:
            x = np.clip((x - 0.5) * rng.uniform(0.8, 1.2) + 0.5 + rng.uniform(-0.08, 0.08), 0, 1)
        hc, wc = img.shape[0] // STRIDE, img.shape[1] // STRIDE
        h, s, o, m, sw = targets(boxes, hc, wc)
        imgs.append(x.transpose(2, 0, 1)); hs.append(h[None]); ss.append(s); os_.append(o); ms.append(m[None])
        ws.append(sw[None])
    t = lambda a: torch.from_numpy(np.ascontiguousarray(np.stack(a)))
    return t(imgs), t(hs), t(ss), t(os_), t(ms), t(ws)


def focal(pred, gt):
    pred = pred.clamp(1e-4, 1 - 1e-4)
    pos = gt.eq(1).float()
    neg = 1 - pos
    pos_loss = torch.log(pred) * (1 - pred) ** 2 * pos
    neg_loss = torch.log(1 - pred) * pred ** 2 * (1 - gt) ** 4 * neg
    n = pos.sum()
    return -(pos_loss.sum() + neg_loss.sum()) / n.clamp(min=1)


def loss_fn(model, x, heat, size, off, mask, swt):
    """Focal heatmap loss + L1 on the offset at centre cells + L1 on log box size over the size region.
    The size error is taken in log space: IoU depends on the relative error of a side, so a pixel on a
    motorcycle's 4-pixel width should weigh what 10 pixels do on a bus's length."""
    ph, ps, po = model(x)
    n = mask.sum().clamp(min=1)
    ns = swt.sum().clamp(min=1)
    l_size = (torch.abs(torch.log(ps.clamp(min=0.5)) - torch.log(size.clamp(min=0.5))) * swt).sum() / ns
    l_off = (torch.abs(po - off) * mask).sum() / n
    return focal(ph, heat) + l_size + l_off


# ---------------------------------------------------------------- decoding and scoring (mirrors VehicleDetector.java)


def decode(heat, size, off, threshold, max_det=200):
    """Peaks = cells equal to their 3x3 max with score >= threshold; box = centre +- size/2."""
    hmax = F.max_pool2d(heat, 3, 1, 1)
    peaks = (heat == hmax) & (heat >= threshold)
    out = []
    ys, xs = torch.nonzero(peaks[0, 0], as_tuple=True)
    for y, x in zip(ys.tolist(), xs.tolist()):
        s = float(heat[0, 0, y, x])
        cx = (x + float(off[0, 0, y, x])) * STRIDE
        cy = (y + float(off[0, 1, y, x])) * STRIDE
        w, h = float(size[0, 0, y, x]), float(size[0, 1, y, x])
        out.append((s, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
    out.sort(key=lambda d: -d[0])
    return out[:max_det]


def iou(a, b):
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def match_counts(dets, gt, ignored):
    """(tp, fp, fn): greedy by score, one-to-one, IoU >= 0.5; a detection matching no truth but an
    ignored box (IoU >= 0.5) is neither TP nor FP (mirrors DetectionF1.count in Java)."""
    used = [False] * len(gt)
    tp = fp = 0
    for d in dets:
        best, best_iou = -1, 0.5
        for i, g in enumerate(gt):
            if not used[i]:
                v = iou(d[1:], g)
                if v >= best_iou:
                    best, best_iou = i, v
        if best >= 0:
            used[best] = True
            tp += 1
        elif not any(iou(d[1:], g) >= 0.5 for g in ignored):
            fp += 1
    return tp, fp, len(gt) - tp


THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]


def evaluate(model, frames):
    """Validation counts per threshold -> {threshold: (P, R, F1)}."""
    model.eval()
    counts = {t: [0, 0, 0] for t in THRESHOLDS}
    with torch.no_grad():
        for img, boxes, vis in frames:
            x = torch.from_numpy(img.astype(np.float32).transpose(2, 0, 1)[None] / 255.0)
            h, s, o = model(x)
            dets = decode(h, s, o, min(THRESHOLDS))
            gt = [tuple(b) for b, v in zip(boxes.tolist(), vis) if v >= MIN_VISIBLE]
            ignored = [tuple(b) for b, v in zip(boxes.tolist(), vis) if v < MIN_VISIBLE]
            for t in THRESHOLDS:
                c = match_counts([d for d in dets if d[0] >= t], gt, ignored)
                for i in range(3):
                    counts[t][i] += c[i]
    model.train()
    res = {}
    for t, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        res[t] = (p, r, 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    return res


# ---------------------------------------------------------------- export


def reference_input():
    """The fixed test input, recomputed by the Java test: value(c, y, x) = ((x*7 + y*13 + c*29) mod 256) / 255."""
    c, y, x = np.meshgrid(np.arange(3), np.arange(512), np.arange(512), indexing="ij")
    return (((x * 7 + y * 13 + c * 29) % 256) / 255.0).astype(np.float32)[None]


def export(model, out, name):
    model.eval()
    path = os.path.join(out, name + ".onnx")
    dummy = torch.zeros(1, 3, 512, 512)
    torch.onnx.export(model, dummy, path, opset_version=13, input_names=["image"],
                      output_names=["heatmap", "size", "offset"],
                      dynamic_axes={"image": {0: "batch", 2: "height", 3: "width"},
                                    "heatmap": {0: "batch", 2: "rows", 3: "cols"},
                                    "size": {0: "batch", 2: "rows", 3: "cols"},
                                    "offset": {0: "batch", 2: "rows", 3: "cols"}})
    import onnx
    onnx.checker.check_model(onnx.load(path))
    with torch.no_grad():
        h, s, o = model(torch.from_numpy(reference_input()))
    every = 37  # every 37th value of each output (row-major), enough to catch any layer going wrong
    ref = {"input": "value(c,y,x) = ((x*7 + y*13 + c*29) mod 256) / 255, shape [1,3,512,512]",
           "every": every, "views": model.views if isinstance(model, MirrorAverage) else 1}
    for k, v in (("heatmap", h), ("size", s), ("offset", o)):
        flat = v.numpy().reshape(-1)
        ref[k] = {"shape": list(v.shape), "sum": float(flat.astype(np.float64).sum()),
                  "values": [float(a) for a in flat[::every]]}
    with open(os.path.join(out, name + ".reference.json"), "w") as f:
        json.dump(ref, f)
    return path


def load_folded_onnx(model, path):
    """Starts `model` from an exported ONNX of this network, whose BatchNorms the exporter folded into the
    convolutions (the training weights are not kept with the product). Each Conv2d takes, in the graph's
    order, its folded weight; a conv's BatchNorm becomes the identity on running statistics (mean 0,
    variance 1 - eps) with the folded bias as its shift, so the model computes the ONNX graph's function.
    Training from here must keep the BatchNorms in eval mode (`freeze_bn`): batch statistics would undo the
    folding."""
    import onnx
    from onnx import numpy_helper
    g = onnx.load(path).graph
    init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    for n in g.node:  # shared weights reach their other uses through Identity nodes (MirrorAverage graphs)
        if n.op_type == "Identity" and n.input[0] in init:
            init[n.output[0]] = init[n.input[0]]
    convs = [n for n in g.node if n.op_type == "Conv"]
    mods = list(model.modules())
    pairs = []  # (conv, its BatchNorm or None), in registration order = forward order for this network
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d):
            bn = mods[i + 1] if i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d) else None
            pairs.append((m, bn))
    views = len(convs) // len(pairs) if pairs and len(convs) % len(pairs) == 0 else 1
    if views > 1:  # a MirrorAverage graph: the network once per view, view by view; every copy must be the first
        n = len(pairs)
        for k in range(n, len(convs)):
            if not np.array_equal(init[convs[k].input[1]], init[convs[k % n].input[1]]):
                raise SystemExit(f"--init-onnx {path}: {len(convs)} Conv nodes are not {views} copies of the"
                                 f" network's {n} (node {k}, {convs[k].name}, differs from node {k % n})")
        convs = convs[:n]
    if len(convs) != len(pairs):
        raise SystemExit(f"--init-onnx {path}: {len(convs)} Conv nodes, the network has {len(pairs)} convolutions")
    with torch.no_grad():
        for k, (node, (conv, bn)) in enumerate(zip(convs, pairs)):
            w = init[node.input[1]]
            b = init[node.input[2]] if len(node.input) > 2 else np.zeros(w.shape[0], np.float32)
            if tuple(w.shape) != tuple(conv.weight.shape):
                raise SystemExit(f"--init-onnx {path}: Conv node {k} ({node.name}) has weight {list(w.shape)},"
                                 f" the network's convolution {k} {list(conv.weight.shape)}")
            conv.weight.copy_(torch.from_numpy(w.copy()))
            if bn is None:
                conv.bias.copy_(torch.from_numpy(b.copy()))
            else:
                bn.weight.fill_(1.0)
                bn.bias.copy_(torch.from_numpy(b.copy()))
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)


def freeze_bn(model):
    """BatchNorms in eval mode (running statistics), their scale and shift still trained."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()


def check_reference(model, ref_path):
    """The largest absolute difference between the model's outputs on the reference input and the values
    stored by `export` next to an ONNX (every 37th value of each output)."""
    with open(ref_path) as f:
        ref = json.load(f)
    if ref.get("views", 1) > 1:
        model = MirrorAverage(model, ref["views"])
    model.eval()
    with torch.no_grad():
        outs = dict(zip(("heatmap", "size", "offset"), model(torch.from_numpy(reference_input()))))
    worst = 0.0
    for k, v in outs.items():
        got = v.numpy().reshape(-1)[::ref["every"]]
        want = np.array(ref[k]["values"], dtype=np.float64)
        if got.shape != want.shape:
            raise SystemExit(f"{ref_path}: {k} has {want.shape[0]} values, the model {got.shape[0]}")
        worst = max(worst, float(np.abs(got - want).max()))
    return f"largest difference from {ref_path}: {worst:.2e}"


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="*", default=[])
    ap.add_argument("--val", nargs="*", default=[])
    ap.add_argument("--variant", default="plain", choices=["plain", "robust"])
    ap.add_argument("--init", help="weights to start from (robust: the plain model's .pt)")
    ap.add_argument("--init-onnx", help="start from an exported ONNX of this network (BatchNorm folded); trains"
                    " with BatchNorm statistics frozen")
    ap.add_argument("--check-init", action="store_true",
                    help="with --init-onnx: print the largest difference from the ONNX's .reference.json and stop")
    ap.add_argument("--minutes", type=float, default=20.0, help="wall-clock training budget")
    ap.add_argument("--max-steps", type=int, default=100000)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=192, help="training crop side, pixels (evaluation: whole frames)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--warmup", type=int, default=100, help="linear learning-rate warm-up, steps (0: none)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--tta", type=int, default=1, choices=[1, 2, 4],
                    help="mirror views averaged in evaluation and in the exported graph (MirrorAverage; 1: none)")
    ap.add_argument("--export-untrained", action="store_true")
    ap.add_argument("--threads", type=int, default=1, choices=[1, 2],
                    help="torch threads (at most 2 on the shared machine; under a load of ~25 on its 2 cores one"
                         " thread trained 2.5x faster than two: 0.37 s vs 1.7-2.2 s of CPU per step)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    random.seed(SEED); np.random.seed(SEED); torch.manual_seed(SEED)
    os.makedirs(a.out, exist_ok=True)
    model = VehicleNet()
    if a.export_untrained:
        print(export(model, a.out, "vehicle_untrained"))
        return
    if a.init and a.init_onnx:
        raise SystemExit("--init and --init-onnx exclude each other")
    if a.init:
        model.load_state_dict(torch.load(a.init))
    if a.init_onnx:
        load_folded_onnx(model, a.init_onnx)
        # a work folder may hold a fine-tune's input and output under the same name: say which graph this is
        with open(a.init_onnx, "rb") as fh:
            print(f"starting from {a.init_onnx}, md5 {hashlib.md5(fh.read()).hexdigest()}", flush=True)
    if a.check_init:
        if not a.init_onnx:
            raise SystemExit("--check-init needs --init-onnx")
        print(check_reference(model, a.init_onnx[:-len(".onnx")] + ".reference.json"))
        return
    t0 = time.time()
    train = [(load_image(p), b) for d in a.train for p, b, _ in read_set(d)]  # frames held in memory as uint8
    if (not train and a.minutes > 0) or not a.val:
        raise SystemExit("--train and --val must name data sets with frames (--minutes 0: --val only)")
    print(f"train {len(train)} frames ({sum(len(b) for _, b in train)} boxes), read in {time.time() - t0:.0f} s",
          flush=True)
    rng = random.Random(SEED)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    budget_s = a.minutes * 60
    start = time.time()
    cpu0 = time.process_time()
    step = 0
    order = []
    model.train()
    while step < a.max_steps and time.time() - start < budget_s:
        if len(order) < a.batch:
            order = list(range(len(train)))
            rng.shuffle(order)
        idx, order = order[:a.batch], order[a.batch:]
        frac = (time.time() - start) / budget_s  # cosine decay over the wall-clock budget
        warm = min(1.0, (step + 1) / a.warmup) if a.warmup > 0 else 1.0  # linear warm-up (from scratch)
        for g in opt.param_groups:
            g["lr"] = warm * a.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, frac)))
        x, h, s, o, m, sw = batch([train[i] for i in idx], rng, True, a.crop)
        if a.init_onnx:
            freeze_bn(model)
        loss = loss_fn(model, x, h, s, o, m, sw)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 10 == 0:
            print(f"step {step} {time.time() - start:.0f}s loss {loss.item():.4f}", flush=True)
        if step % 50 == 0:  # a checkpoint, so a session cut short still has weights
            torch.save(model.state_dict(), os.path.join(a.out, "vehicle_" + a.variant + ".checkpoint.pt"))
    minutes = (time.time() - start) / 60
    cpu_minutes = (time.process_time() - cpu0) / 60
    # validation frames are read after training (less memory while training; a degraded validation copy
    # may still be being written when a run starts)
    val = [(load_image(p), b, v) for d in a.val for p, b, v in read_set(d)]
    if not val:
        raise SystemExit("--val must name data sets with frames")
    print(f"val {len(val)} frames ({sum(len(b) for _, b, _ in val)} boxes)", flush=True)
    final = MirrorAverage(model, a.tta) if a.tta > 1 else model
    res = evaluate(final, val)
    best = max(THRESHOLDS, key=lambda t: (res[t][2], -abs(t - 0.4)))
    for t in THRESHOLDS:
        print(f"val threshold {t:.2f}: P {res[t][0]:.3f} R {res[t][1]:.3f} F1 {res[t][2]:.3f}")
    print(f"chosen threshold {best} (val F1 {res[best][2]:.3f}); {step} steps in {minutes:.1f} min"
          f" ({cpu_minutes:.1f} min CPU)")
    name = "vehicle_" + a.variant
    torch.save(model.state_dict(), os.path.join(a.out, name + ".pt"))  # the network's own weights, no views
    export(final, a.out, name)
    with open(os.path.join(a.out, name + ".json"), "w") as f:
        json.dump({"variant": a.variant, "seed": SEED, "train_sets": a.train, "val_sets": a.val,
                   "train_frames": len(train), "val_frames": len(val), "steps": step, "batch": a.batch,
                   "crop_px": a.crop, "lr": a.lr,
                   "minutes": round(minutes, 1), "cpu_minutes": round(cpu_minutes, 1), "threads": a.threads,
                   "warmup": a.warmup, "init": a.init or a.init_onnx, "bn_frozen": bool(a.init_onnx),
                   "tta_views": a.tta, "threshold": best,
                   "val": {str(t): list(res[t]) for t in THRESHOLDS}}, f, indent=1)


if __name__ == "__main__":
    main()
