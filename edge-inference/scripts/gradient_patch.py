#!/usr/bin/python3
"""Adversarial patches against our vehicle detector, optimised with gradients (issue 20, 1b).

    # universal: one patch for every frame, pasted at random places (a printed patch)
    /usr/bin/python3 edge-inference/scripts/gradient_patch.py --onnx MODEL.onnx --frames DIR [DIR ...] \
        --out edge-inference/patches/vehicle_plain_gradient.png [--steps 30] [--batch 2] [--seed 20]
    # per frame (white box): one patch per attacked frame, placed and optimised for it
    /usr/bin/python3 edge-inference/scripts/gradient_patch.py --per-frame --onnx MODEL.onnx --frames DIR \
        --count 20 --out edge-inference/patches/vehicle_plain_per_frame [--steps 300] [--seed 20]
    # video (white box, COCO detector): one patch at one place for the first --count frames of a folder
    /usr/bin/python3 edge-inference/scripts/gradient_patch.py --video --onnx mb3_centernet_coco.onnx \
        --frames VTEST_0_4 --count 5 --threshold 0.3 --candidates 3 --trial-steps 20 --steps 100 --out DIR

Video (`--video`, benchmarks only: the COCO detector never ships): the frames are resized to the model's
512 x 512 NHWC input inside the graph (bilinear, asymmetric, as CocoDetector.input), so the gradient reaches
the frame's pixels. The square covers no clean box centre of the first frame (the bench's video search rule);
places are ranked and tried as per frame; the loss is the per-frame loss summed over the frames. The same
patch and corner are written once per frame under that frame's SHA, so `bench patch --video-patches DIR`
pastes it on each of them.

Per frame (`--per-frame`): the first --count PNGs of the folder in name order (the frames `bench patch`
attacks). For each: the clean detections are the heatmap peaks (score >= --threshold, not below any of
the 8 neighbours: the product's decoding rule), their centres from the offset head. The patch is a
square of 4% of the frame that covers no clean centre (the bench's threat model). Where: every allowed
corner on an 8-px grid is ranked by how close the clean centres are to the square (sum over centres of
exp(-(gap_x + gap_y) / 30 px)); the best --candidates corners at least 32 px apart (L1) are each
optimised for --trial-steps, and the one that leaves the fewest clean detections (then the lowest loss)
is optimised for --steps more. Loss: over the clean peaks, the 3x3 max of the heatmap's logit above
logit(0.2), so a peak stops pulling once it is well below the threshold. Adam, lr 0.1, on the patch's
logits, seeded per frame (--seed + frame index). Written per frame to OUT/SHA.png (the patch, 8-bit,
as evaluated) and OUT/SHA.txt ("x y", its top-left corner), SHA being the SHA-256 of the frame's RGB
pixels: the bench finds each frame's patch by its pixels, never by a file name.

Needs Debian python3-torch, python3-onnx, python3-opencv (nothing is downloaded). The network is
rebuilt in torch from the ONNX file itself (a small interpreter over its nodes and initializers), so
the script works for any weights the training script exports, not only the committed ones. Frames
are `swarmsense render` PNGs of the TRAINING cities (never the Berlin frames the bench measures).

The patch is a square of 4% of a 512x512 frame (102 px), pasted at a random place of every frame
of the batch (a universal, placement-agnostic patch, as a printed patch would be). Loss: the mean
heatmap score at the cells where the clean frame's heatmap is at least 0.2 (the vehicles), i.e. the
patch learns to switch the vehicles off. Adam, lr 0.03 on the patch's logits, batch 2, 30 steps, seeded (sized to fit a saturated 2-core
machine; more steps and a larger batch should make a stronger patch). A checkpoint of the patch is
written every 5 steps.
"""
import argparse
import glob
import os
import random
import sys
import time

import numpy as np


def onnx_module(path):
    import onnx
    import torch
    import torch.nn.functional as F
    from onnx import numpy_helper

    model = onnx.load(path)
    g = model.graph
    consts = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in g.initializer}
    for n in g.node:
        if n.op_type == "Constant":
            consts[n.output[0]] = torch.from_numpy(numpy_helper.to_array(n.attribute[0].t).copy())

    def attrs(n):
        return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}

    def run(x):
        env = dict(consts)
        env[g.input[0].name] = x
        for n in g.node:
            a = attrs(n)
            i = [env[k] if k else None for k in n.input]
            op = n.op_type
            if op == "Constant":
                continue
            if op == "Conv":
                pads = a.get("pads", [0, 0, 0, 0])
                x = i[0]
                if a.get("auto_pad", b"NOTSET") in (b"SAME_UPPER", b"SAME_LOWER"):  # TensorFlow's SAME
                    pads = [0, 0, 0, 0]
                    for d in (0, 1):
                        n_in, k = x.shape[2 + d], i[1].shape[2 + d]
                        s_, dil = a.get("strides", [1, 1])[d], a.get("dilations", [1, 1])[d]
                        total = max((-(-n_in // s_) - 1) * s_ + (k - 1) * dil + 1 - n_in, 0)
                        small = total // 2
                        upper = a["auto_pad"] == b"SAME_UPPER"
                        pads[d], pads[2 + d] = (small, total - small) if upper else (total - small, small)
                if pads[0] != pads[2] or pads[1] != pads[3]:  # TensorFlow's SAME at stride 2: pad one side more
                    x = F.pad(x, [pads[1], pads[3], pads[0], pads[2]])
                    pads = [0, 0, 0, 0]
                y = F.conv2d(x, i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]), pads[:2],
                             a.get("dilations", [1, 1]), a.get("group", 1))
            elif op == "BatchNormalization":
                y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
            elif op == "Relu":
                y = F.relu(i[0])
            elif op == "Sigmoid":
                y = torch.sigmoid(i[0])
            elif op == "Softplus":
                y = F.softplus(i[0])
            elif op == "Add":
                y = i[0] + i[1]
            elif op == "Mul":
                y = i[0] * i[1]
            elif op == "Sub":
                y = i[0] - i[1]
            elif op == "Div":
                y = i[0] / i[1]
            elif op == "Clip":
                y = torch.clamp(i[0], float(i[1]) if len(i) > 1 and i[1] is not None else None,
                                float(i[2]) if len(i) > 2 and i[2] is not None else None)
            elif op == "Resize" and a.get("mode", b"nearest") == b"linear":
                if a.get("coordinate_transformation_mode") != b"asymmetric":
                    raise SystemExit("linear Resize supported with asymmetric coordinates only")
                size = [int(s) for s in i[3][2:]]
                y = resize_asymmetric(i[0], size[0], size[1])
            elif op in ("Resize", "Upsample"):
                scales = i[2] if op == "Resize" and len(i) > 2 and i[2] is not None and i[2].numel() else i[-1]
                if scales is None or scales.numel() == 0:
                    size = [int(s) for s in i[3][2:]]
                    y = F.interpolate(i[0], size=size, mode="nearest")
                else:
                    y = F.interpolate(i[0], scale_factor=[float(s) for s in scales[2:]], mode="nearest")
            elif op == "Concat":
                y = torch.cat(i, dim=a["axis"])
            elif op == "Identity":
                y = i[0]
            elif op == "Shape":
                y = torch.tensor(i[0].shape, dtype=torch.int64)
            elif op == "Slice":
                if len(i) > 3:
                    raise SystemExit("Slice with axes or steps not supported by the interpreter")
                y = i[0][int(i[1][0]):int(i[2][0])]
            elif op == "Transpose":
                y = i[0].permute(*a["perm"])
            elif op == "ReduceMean":
                y = i[0].mean(dim=a["axes"], keepdim=bool(a.get("keepdims", 1)))
            else:
                raise SystemExit("op not supported by the interpreter: " + op)
            env[n.output[0]] = y
        return {o.name: env[o.name] for o in g.output}

    return run


def resize_asymmetric(x, out_h, out_w):
    """Bilinear resize of an NCHW tensor, source coordinate = destination * in / out, the last row and column
    repeated past the edge: ONNX Resize linear/asymmetric, and TensorFlow's resize_bilinear without corner alignment
    or half-pixel centres (CocoDetector.resizeBilinear). Differentiable."""
    import torch

    def axis(n_in, n_out):
        src = torch.arange(n_out, dtype=torch.float64) * (n_in / n_out)
        i0 = src.floor().long().clamp(max=n_in - 1)
        return i0, (i0 + 1).clamp(max=n_in - 1), (src - i0).float()

    y0, y1, wy = axis(x.shape[2], out_h)
    x0, x1, wx = axis(x.shape[3], out_w)
    rows = x[:, :, y0] + (x[:, :, y1] - x[:, :, y0]) * wy[None, None, :, None]
    return rows[:, :, :, x0] + (rows[:, :, :, x1] - rows[:, :, :, x0]) * wx[None, None, None, :]


def load(path):
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise SystemExit("cannot read frame " + path)
    return np.ascontiguousarray(img[:, :, ::-1]).astype(np.float32) / 255.0


def peaks(heat, threshold):
    """Heatmap cells that are detections: >= threshold and not below any 8-neighbour (the decoder's rule)."""
    import torch.nn.functional as F
    mp = F.max_pool2d(heat[None, None], 3, 1, 1)[0, 0]
    return [(int(y), int(x)) for y, x in ((heat >= threshold) & (heat >= mp)).nonzero()]


def pixels_sha(rgb):
    """SHA-256 of a frame's 8-bit RGB pixels (`load`'s floats back to bytes): the key `bench patch` finds a patch by."""
    import hashlib
    return hashlib.sha256((rgb * 255 + 0.5).astype(np.uint8).tobytes()).hexdigest()


def suppression_loss(v):
    """Sum over the targets' pooled heatmap scores `v` of their logit above logit(0.2): a peak stops pulling once it is
    well below the reporting thresholds."""
    import math
    import torch
    import torch.nn.functional as F
    v = v.clamp(1e-6, 1 - 1e-6)
    return F.relu(torch.log(v) - torch.log1p(-v) - math.log(0.2 / 0.8)).sum()


def corners(centres, w, h, side, count):
    """Up to `count` top-left corners of a `side` px square on an 8-px grid of a w x h frame that cover no centre,
    nearest the centres first (sum over centres of exp(-(gap_x + gap_y) / 30 px)), at least 32 px apart (L1)."""
    import math

    ranked = []
    for y in range(0, h - side + 1, 8):
        for x in range(0, w - side + 1, 8):
            if not any(x <= cx < x + side and y <= cy < y + side for cx, cy in centres):
                score = sum(math.exp(-(max(x - cx, 0, cx - x - side) + max(y - cy, 0, cy - y - side)) / 30.0)
                            for cx, cy in centres)
                ranked.append((score, x, y))
    ranked.sort(key=lambda r: (-r[0], r[2], r[1]))
    chosen = []
    for _, x, y in ranked:
        if all(abs(x - a) + abs(y - b) >= 32 for a, b in chosen):
            chosen.append((x, y))
        if len(chosen) == count:
            break
    return chosen


def per_frame(args):
    import cv2
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(2)
    files = sorted(glob.glob(os.path.join(args.frames[0], "*.png")))[:args.count]
    if len(args.frames) != 1 or not files:
        raise SystemExit("--per-frame needs one --frames folder with PNG frames")
    net = onnx_module(args.onnx)
    os.makedirs(args.out, exist_ok=True)
    total = kept_total = 0
    t_all = time.time()
    for index, f in enumerate(files):
        t0 = time.time()
        rgb = load(f)
        sha = pixels_sha(rgb)
        img = torch.from_numpy(rgb).permute(2, 0, 1)
        h, w = img.shape[1:]
        side = int(np.floor(np.sqrt(args.area * h * w)))
        with torch.no_grad():
            out = net(img[None])
        heat0 = out["heatmap"][0, 0]
        clean = peaks(heat0, args.threshold)
        if not clean:
            print(f"{os.path.basename(f)}: no clean detection, no patch", flush=True)
            continue
        off = out["offset"][0]
        stride = h // heat0.shape[0]  # the heatmap's cell in input pixels (4 for the shipped detector)
        centres = [((x + float(off[0, y, x])) * stride, (y + float(off[1, y, x])) * stride) for y, x in clean]
        chosen = corners(centres, w, h, side, args.candidates)
        if not chosen:
            print(f"{os.path.basename(f)}: no allowed place for a {side} px patch", flush=True)
            continue

        def attack(x, y, logits, steps):
            opt = torch.optim.Adam([logits], lr=0.1)
            loss = torch.tensor(float("nan"))  # no step taken
            for _ in range(steps):
                adv = img.clone()
                adv[:, y:y + side, x:x + side] = torch.sigmoid(logits)
                heat = net(adv[None])["heatmap"][0, 0]
                pooled = F.max_pool2d(heat[None, None], 3, 1, 1)[0, 0]
                v = torch.stack([pooled[py, px] for py, px in clean])
                loss = suppression_loss(v)
                opt.zero_grad()
                loss.backward()
                opt.step()
            with torch.no_grad():
                patch = (torch.sigmoid(logits) * 255 + 0.5).floor() / 255
                adv = img.clone()
                adv[:, y:y + side, x:x + side] = patch
                after = set(peaks(net(adv[None])["heatmap"][0, 0], args.threshold))
            left = sum(1 for py, px in clean
                       if any((py + dy, px + dx) in after for dy in (-1, 0, 1) for dx in (-1, 0, 1)))
            return left, float(loss), patch

        trials = []
        for x, y in chosen:
            torch.manual_seed(args.seed + index)
            logits = torch.zeros(3, side, side).uniform_(-2, 2).requires_grad_(True)
            left, loss, _ = attack(x, y, logits, args.trial_steps)
            trials.append((left, loss, x, y, logits))
        left, loss, x, y, logits = min(trials, key=lambda t: (t[0], t[1]))
        left, loss, patch = attack(x, y, logits, args.steps)
        out_png = (patch.permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
        cv2.imwrite(os.path.join(args.out, sha + ".png"), out_png[:, :, ::-1])
        with open(os.path.join(args.out, sha + ".txt"), "w") as fh:
            fh.write(f"{x} {y}\n")
        total += len(clean)
        kept_total += left
        print(f"{os.path.basename(f)}: {len(clean)} clean detections, {left} left after the patch at {x},{y}"
              f" (trials left {[t[0] for t in trials]}); {time.time() - t0:.0f} s", flush=True)
    print(f"{len(files)} frames: {kept_total} of {total} clean detections left"
          f" ({100.0 * kept_total / max(1, total):.1f} %, the script's own count); {time.time() - t_all:.0f} s")


def video(args):
    """One patch at one place on consecutive frames of a video, against the COCO detector (NHWC 0..255 input of
    512 x 512, bilinear-resized from the frame; sigmoid heatmap 'keypoints' of 80 classes and box distances 'wh')."""
    import cv2
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(2)
    files = sorted(glob.glob(os.path.join(args.frames[0], "*.png")))[:args.count]
    if len(args.frames) != 1 or not files:
        raise SystemExit("--video needs one --frames folder with PNG frames")
    net = onnx_module(args.onnx)
    size, cell = 512, 4
    rgbs = [load(f) for f in files]
    shas = [pixels_sha(rgb) for rgb in rgbs]
    imgs = [torch.from_numpy(rgb).permute(2, 0, 1) * 255 for rgb in rgbs]
    h, w = imgs[0].shape[1:]
    side = int(np.floor(np.sqrt(args.area * h * w)))

    def heat_of(img):
        out = net(resize_asymmetric(img[None], size, size).permute(0, 2, 3, 1))
        return out["keypoints"][0].permute(2, 0, 1), out["wh"][0]

    def class_peaks(heat):
        mp = F.max_pool2d(heat[None], 3, 1, 1)[0]
        return [(int(c), int(y), int(x)) for c, y, x in ((heat >= args.threshold) & (heat >= mp)).nonzero()]

    cleans, centres0 = [], None
    with torch.no_grad():
        for k, img in enumerate(imgs):
            heat, wh = heat_of(img)
            found = class_peaks(heat)
            cleans.append(found)
            if k == 0:  # the patch covers no clean centre of the first frame (the bench's video search rule)
                centres0 = [((x * cell + (float(wh[y, x, 2]) - float(wh[y, x, 0])) / 2) * w / size,
                             (y * cell + (float(wh[y, x, 3]) - float(wh[y, x, 1])) / 2) * h / size)
                            for _, y, x in found]
    total = sum(len(c) for c in cleans)
    if not centres0:
        raise SystemExit("no clean detection on the first frame, no patch")
    print(f"{len(files)} frames, {total} clean detections ({[len(c) for c in cleans]}), patch {side} px", flush=True)
    chosen = corners(centres0, w, h, side, args.candidates)

    def attack(x, y, logits, steps):
        opt = torch.optim.Adam([logits], lr=0.1)
        t0 = time.time()
        loss = float("nan")  # no step taken
        for step in range(steps):
            opt.zero_grad()
            loss = 0.0
            for img, clean in zip(imgs, cleans):
                if not clean:
                    continue
                adv = img.clone()
                adv[:, y:y + side, x:x + side] = torch.sigmoid(logits) * 255
                heat, _ = heat_of(adv)
                pooled = F.max_pool2d(heat[None], 3, 1, 1)[0]
                v = torch.stack([pooled[c, py, px] for c, py, px in clean])
                part = suppression_loss(v)
                part.backward()
                loss += float(part)
            opt.step()
            if step % 20 == 0:
                print(f"  {x},{y} step {step}: loss {loss:.2f} ({time.time() - t0:.0f} s)", flush=True)
        with torch.no_grad():
            patch = (torch.sigmoid(logits) * 255 + 0.5).floor()
            left = 0
            for img, clean in zip(imgs, cleans):
                adv = img.clone()
                adv[:, y:y + side, x:x + side] = patch
                after = set(class_peaks(heat_of(adv)[0]))
                left += sum(1 for c, py, px in clean
                            if any((c, py + dy, px + dx) in after for dy in (-1, 0, 1) for dx in (-1, 0, 1)))
        return left, loss, patch

    t_all = time.time()
    trials = []
    for x, y in chosen:
        torch.manual_seed(args.seed)
        logits = torch.zeros(3, side, side).uniform_(-2, 2).requires_grad_(True)
        left, loss, _ = attack(x, y, logits, args.trial_steps)
        print(f"trial at {x},{y}: {left} of {total} left, loss {loss:.2f}", flush=True)
        trials.append((left, loss, x, y, logits))
    left, loss, x, y, logits = min(trials, key=lambda t: (t[0], t[1]))
    left, loss, patch = attack(x, y, logits, args.steps)
    out_png = patch.permute(1, 2, 0).numpy().astype(np.uint8)
    os.makedirs(args.out, exist_ok=True)
    for sha in shas:  # the same patch at the same place on every frame, found by each frame's pixels
        cv2.imwrite(os.path.join(args.out, sha + ".png"), out_png[:, :, ::-1])
        with open(os.path.join(args.out, sha + ".txt"), "w") as fh:
            fh.write(f"{x} {y}\n")
    print(f"{len(files)} frames: {left} of {total} clean detections left ({100.0 * left / total:.1f} %, the script's"
          f" own count) with the patch at {x},{y}; {time.time() - t_all:.0f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--frames", nargs="+", required=True, help="folders of rendered training-city frames")
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--batch", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--area", type=float, default=0.04)
    ap.add_argument("--per-frame", action="store_true", help="one white-box patch per frame (see above)")
    ap.add_argument("--count", type=int, default=20, help="per frame: the first N frames in name order")
    ap.add_argument("--threshold", type=float, default=0.35, help="per frame: the detector's score threshold")
    ap.add_argument("--candidates", type=int, default=6, help="per frame: corners tried")
    ap.add_argument("--trial-steps", type=int, default=60, help="per frame: steps per corner tried")
    ap.add_argument("--video", action="store_true", help="one patch for the first --count frames (COCO detector)")
    args = ap.parse_args()
    if args.video:
        return video(args)
    if args.per_frame:
        return per_frame(args)
    import cv2
    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    files = sorted(f for d in args.frames for f in glob.glob(os.path.join(d, "*.png")))
    if not files:
        raise SystemExit("no PNG frames in " + " ".join(args.frames))
    frames = [torch.from_numpy(load(f)).permute(2, 0, 1) for f in files]
    h, w = frames[0].shape[1:]
    side = int(np.floor(np.sqrt(args.area * h * w)))
    net = onnx_module(args.onnx)
    with torch.no_grad():
        clean = [net(f[None])["heatmap"][0, 0] for f in frames]
    masks = [(c >= 0.2).float() for c in clean]
    keep = [k for k, m in enumerate(masks) if m.sum() > 0]
    print(f"{len(files)} frames ({len(keep)} with vehicles), patch {side}x{side} px, {args.steps} steps, seed {args.seed}")
    logits = torch.zeros(3, side, side)
    logits.uniform_(-2, 2)
    logits.requires_grad_(True)
    opt = torch.optim.Adam([logits], lr=0.03)
    t0 = time.time()
    for step in range(args.steps):
        idx = [keep[random.randrange(len(keep))] for _ in range(args.batch)]
        patch = torch.sigmoid(logits)
        batch, m = [], []
        for k in idx:
            x, y = random.randrange(w - side + 1), random.randrange(h - side + 1)
            img = frames[k].clone()
            img[:, y:y + side, x:x + side] = patch
            batch.append(img)
            m.append(masks[k])
        heat = net(torch.stack(batch))["heatmap"][:, 0]
        mm = torch.stack(m)
        loss = (heat * mm).sum() / mm.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 5 == 0 or step == args.steps - 1:
            print(f"step {step}: loss {loss.item():.4f} ({time.time() - t0:.0f} s)", flush=True)
            save(logits, args.out)  # a checkpoint, so a stopped run still leaves its latest patch
    save(logits, args.out)
    print(f"wrote {args.out} ({side}x{side}) after {args.steps} steps in {time.time() - t0:.0f} s")


def save(logits, path):
    import cv2
    import torch
    out = (torch.sigmoid(logits).detach().permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    cv2.imwrite(path, out[:, :, ::-1])


if __name__ == "__main__":
    sys.exit(main())
