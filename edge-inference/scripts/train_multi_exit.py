#!/usr/bin/python3
"""Trains the multi-exit Fashion-MNIST CNN of edge-inference and exports it per stage to ONNX.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx):
    /usr/bin/python3 edge-inference/scripts/train_multi_exit.py [--out DIR] [--steps N]

Architecture (ours): three stages of two 3x3 conv + BatchNorm + ReLU each (28x28 with C channels,
14x14 with 2C, 7x7 with 4C, max-pool between stages); every stage ends in an exit head
(global average pool + linear + softmax). Channel pruning levels share ONE weight set: a pruned
width keeps the first round(w*C) channels of every layer (nested, "slimmable"), trained with the
sandwich rule (every step trains all widths) and a BatchNorm per width, so switching the pruning
level is a choice of exported file, not a retraining. Seeded; data: Debian dataset-fashion-mnist
(train split; the last --val-images training images are held out to calibrate exit thresholds) and the
first --test-images images of the test split for the accuracies of the model card.

Outputs (per width w in WIDTHS, per stage k = 1..3): fashion_w{w}_s{k}.onnx with input "image"
[batch, 1, 28, 28] (stage 1) or "features{k-1}" (dynamic batch axis) and outputs "features{k}"
(stages 1-2) and "probs{k}" [batch, 10] (softmax of exit k);
model.json (architecture, widths, exit thresholds, accuracies per exit, training time) and
reference.json (outputs of torch on fixed test images, checked against ONNX Runtime by the tests).
"""
import argparse, gzip, json, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 13
BASE_C = 88
WIDTHS = [1.0, 0.75, 0.5]
TRAIN_DIR = "/usr/share/datasets/fashion-mnist"
REFERENCE_TEST_INDICES = list(range(8))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split_dir, prefix):
    x = read_idx(os.path.join(split_dir, prefix + "-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    y = read_idx(os.path.join(split_dir, prefix + "-labels-idx1-ubyte.gz")).astype(np.int64)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)


def ch(w, c):
    return max(1, int(round(w * c)))


class SlimConv(nn.Module):
    """3x3 conv whose active width is chosen per forward; one BatchNorm per width."""

    def __init__(self, cin, cout, in_fixed=False):
        super().__init__()
        self.cin, self.cout, self.in_fixed = cin, cout, in_fixed
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bns = nn.ModuleList([nn.BatchNorm2d(ch(w, cout)) for w in WIDTHS])

    def forward(self, x, wi):
        w = WIDTHS[wi]
        cin = self.cin if self.in_fixed else ch(w, self.cin)
        weight = self.conv.weight[: ch(w, self.cout), :cin]
        return F.relu(self.bns[wi](F.conv2d(x, weight, padding=1)))


class SlimHead(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.cin = cin
        self.fc = nn.Linear(cin, 10)

    def forward(self, x, wi):
        c = ch(WIDTHS[wi], self.cin)
        return F.linear(x.mean(dim=(2, 3)), self.fc.weight[:, :c], self.fc.bias)


class MultiExitNet(nn.Module):
    def __init__(self, c=BASE_C):
        super().__init__()
        self.stages = nn.ModuleList([
            nn.ModuleList([SlimConv(1, c, in_fixed=True), SlimConv(c, c)]),
            nn.ModuleList([SlimConv(c, 2 * c), SlimConv(2 * c, 2 * c)]),
            nn.ModuleList([SlimConv(2 * c, 4 * c), SlimConv(4 * c, 4 * c)]),
        ])
        self.heads = nn.ModuleList([SlimHead(c), SlimHead(2 * c), SlimHead(4 * c)])

    def stage(self, k, x, wi):
        if k > 0:
            x = F.max_pool2d(x, 2)
        for conv in self.stages[k]:
            x = conv(x, wi)
        return x, self.heads[k](x, wi)

    def forward(self, x, wi):
        logits = []
        for k in range(3):
            x, l = self.stage(k, x, wi)
            logits.append(l)
        return logits


class StageExport(nn.Module):
    """One stage of one width, as exported: features (except the last stage) and softmax probs."""

    def __init__(self, net, k, wi):
        super().__init__()
        self.net, self.k, self.wi = net, k, wi

    def forward(self, x):
        f, logits = self.net.stage(self.k, x, self.wi)
        probs = F.softmax(logits, dim=1)
        return (f, probs) if self.k < 2 else probs


def evaluate(net, x, y, wi, batch=500):
    net.eval()
    probs = [[] for _ in range(3)]
    with torch.no_grad():
        for i in range(0, len(x), batch):
            for k, l in enumerate(net(x[i:i + batch], wi)):
                probs[k].append(F.softmax(l, dim=1))
    probs = [torch.cat(p) for p in probs]
    acc = [float((p.argmax(1) == y).float().mean()) for p in probs]
    return probs, acc


def calibrate(probs, y, final_acc=None):
    """Per early exit: scan held-out samples from the most confident down and stop where the exit
    first answers fewer of the scanned samples right than the last exit does (the same samples);
    the threshold is the confidence reached (inf if none). Same rule as ExitCalibration.java."""
    out = []
    last_ok = (probs[-1].argmax(1) == y).tolist()
    for p in probs[:-1]:
        conf, pred = p.max(1)
        order = torch.argsort(conf, descending=True).tolist()
        exit_ok = (pred == y).tolist()
        ce = cl = 0
        thr = float("inf")
        for j, i in enumerate(order):
            ce += exit_ok[i]
            cl += last_ok[i]
            if ce < cl:
                break
            if j + 1 == len(order) or float(conf[order[j + 1]]) != float(conf[i]):
                thr = float(conf[i])
        out.append(thr)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources",
                                                  "org", "swarmsense", "edge", "serving", "fashion-exit"))
    ap.add_argument("--test-dir", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data",
                                                       "fashion-mnist"))
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--val-images", type=int, default=3000, help="last N training images held out for calibration")
    ap.add_argument("--test-images", type=int, default=10000, help="first N test images for the card's accuracy")
    args = ap.parse_args()
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(args.threads)
    xtr, ytr = load(TRAIN_DIR, "train")
    xte, yte = load(args.test_dir, "t10k")
    xval, yval = xtr[-args.val_images:], ytr[-args.val_images:]
    xtr, ytr = xtr[:-args.val_images], ytr[:-args.val_images]
    xte, yte = xte[:args.test_images], yte[:args.test_images]
    net = MultiExitNet()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=args.steps)
    g = torch.Generator().manual_seed(SEED)
    perm = torch.randperm(len(xtr), generator=g)
    t0 = time.time()
    for step in range(args.steps):
        net.train()
        idx = perm[(step * args.batch) % len(perm):][: args.batch]
        if len(idx) < args.batch:
            perm = torch.randperm(len(xtr), generator=g)
            idx = perm[: args.batch]
        xb, yb = xtr[idx], ytr[idx]
        opt.zero_grad()
        loss_total = 0.0
        for wi in range(len(WIDTHS)):  # sandwich rule: every width every step
            logits = net(xb, wi)
            loss = sum(F.cross_entropy(l, yb) for l in logits)
            loss.backward()
            loss_total += float(loss)
        opt.step()
        sched.step()
        if step % 50 == 0:
            print(f"step {step} loss {loss_total:.3f} {time.time() - t0:.0f}s", flush=True)
    train_s = time.time() - t0
    os.makedirs(args.out, exist_ok=True)
    net.eval()
    model = {"name": "fashion-exit", "seed": SEED, "baseChannels": BASE_C, "steps": args.steps,
             "batch": args.batch, "trainImages": len(xtr), "imagesSeen": args.steps * args.batch,
             "validationImages": len(xval), "testImages": len(xte),
             "trainingSeconds": round(train_s, 1), "trainingThreads": args.threads,
             "torch": torch.__version__, "variants": []}
    reference = {"testIndices": REFERENCE_TEST_INDICES, "variants": []}
    xref = xte[REFERENCE_TEST_INDICES]
    for wi, w in enumerate(WIDTHS):
        vprobs, vacc = evaluate(net, xval, yval, wi)
        thresholds = calibrate(vprobs, yval, vacc[-1])
        _, tacc = evaluate(net, xte, yte, wi)
        files = []
        x = xref
        ref_stages = []
        for k in range(3):
            stage = StageExport(net, k, wi).eval()
            name = f"fashion_w{int(w * 100)}_s{k + 1}.onnx"
            inp = "image" if k == 0 else f"features{k}"
            outputs = [f"features{k + 1}", f"probs{k + 1}"] if k < 2 else [f"probs{k + 1}"]
            dyn = {n: {0: "batch"} for n in [inp] + outputs}
            torch.onnx.export(stage, x, os.path.join(args.out, name), input_names=[inp], output_names=outputs,
                              dynamic_axes=dyn, opset_version=13)
            with torch.no_grad():
                res = stage(x)
            probs = res[1] if k < 2 else res
            ref_stages.append(probs.numpy().round(7).tolist())
            if k < 2:
                x = res[0]
            files.append(name)
        model["variants"].append({"width": w, "channels": [ch(w, BASE_C), ch(w, 2 * BASE_C), ch(w, 4 * BASE_C)],
                                  "stages": files, "exitThresholds": thresholds,
                                  "validationAccuracy": [round(a, 4) for a in vacc],
                                  "testAccuracy": [round(a, 4) for a in tacc]})
        reference["variants"].append({"width": w, "probsPerStage": ref_stages})
        print(f"width {w}: test accuracy per exit {tacc}, thresholds {thresholds}", flush=True)
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(model, f, indent=1)
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(reference, f)


if __name__ == "__main__":
    main()
