#!/usr/bin/python3
"""Where occupancy IoU is lost (issue 19 part 2, step 1): decomposes the voxels of a disparity map
that disagree with the ground truth's, per level, into missed and false voxels, and attributes each
to a cause measured with the ground truth.

Usage (Debian /usr/bin/python3 with numpy):
  stereo_occupancy_diagnosis.py --ours ours.f32 [--truth T.f32] [--width 741 --height 500]
The maps are raw little-endian float32, row-major; NaN, +-inf and negative values are unknown (as
DisparityMap.readRawFloat32). Ours was written from SemiGlobalMatcher.compute(...).disparityPx() by a
throw-away Java harness (the bench has no option to save maps). The voxelisation is the Java one
(PointCloud with the centre footprint, VoxelBox.standard(), the reference rule); the calibration is
Motorcycle's.
"""
import argparse
import numpy as np

F, CX, CY, DOFFS, B = 994.978, 311.193, 254.877, 31.086, 0.193001
BOX_MIN = np.array([-2.0, -2.0, 1.5])
SIDE = 4.0
LEVELS = [8, 16, 32, 64]


def read(path, w, h):
    d = np.fromfile(path, dtype='<f4').reshape(h, w).astype(np.float64)
    d[~np.isfinite(d) | (d < 0)] = np.nan
    return d


def voxels(d, n):
    """Per pixel: voxel index at n^3, or -1 (unknown disparity or outside the box)."""
    h, w = d.shape
    ys, xs = np.mgrid[0:h, 0:w]
    z = F * B / (d + DOFFS)
    x = (xs - CX) * z / F
    y = (ys - CY) * z / F
    p = np.stack([x, y, z], -1)
    inside = np.all((p >= BOX_MIN) & (p < BOX_MIN + SIDE), -1) & np.isfinite(d)
    # the Java index: at 64^3 first, coarser levels by shifting
    i64 = np.minimum(63, ((p - BOX_MIN) * (64 / SIDE)).astype(np.int64).clip(0, 63))
    i = i64 >> int(np.log2(64 // n))
    idx = (i[..., 2] * n + i[..., 1]) * n + i[..., 0]
    return np.where(inside, idx, -1)


def iou(p, g):
    return (len(p & g) + 1) / (len(p | g) + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ours', required=True)
    ap.add_argument('--truth', default='../shared/data/stereo/motorcycle_disp_500x741.f32')
    ap.add_argument('--width', type=int, default=741)
    ap.add_argument('--height', type=int, default=500)
    a = ap.parse_args()
    g = read(a.truth, a.width, a.height)
    o = read(a.ours, a.width, a.height)
    known = np.isfinite(g)
    valid = np.isfinite(o)
    err = o - g
    # ground-truth depth edges: 3x3 range of the truth above 2 px
    pad = np.pad(g, 1, constant_values=np.nan)
    win = np.stack([pad[dy:dy + g.shape[0], dx:dx + g.shape[1]] for dy in range(3) for dx in range(3)])
    with np.errstate(invalid='ignore'):
        g_range = np.nanmax(win, 0) - np.nanmin(win, 0)
    g_edge = known & (g_range > 2)
    pad = np.pad(o, 1, constant_values=np.nan)
    win = np.stack([pad[dy:dy + o.shape[0], dx:dx + o.shape[1]] for dy in range(3) for dx in range(3)])
    with np.errstate(invalid='ignore'):
        o_range = np.nanmax(win, 0) - np.nanmin(win, 0)
    o_edge = valid & (o_range > 2)
    # mixed pixels of the truth: at a depth edge and more than 1 px from both extremes of its 3x3
    with np.errstate(invalid='ignore'):
        mixed = g_edge & (g - np.nanmin(win_of(g), 0) > 1) & (np.nanmax(win_of(g), 0) - g > 1)
    z_truth = F * B / (g + DOFFS)
    both = known & valid
    print(f'pixels: truth known {known.sum()}, ours valid {valid.sum()}, both {both.sum()}, truth known but ours invalid '
          f'{(known & ~valid).sum()}; truth depth-edge pixels (3x3 range > 2 px) {g_edge.sum()}, of which mixed '
          f'(> 1 px from both ends of their 3x3 range) {mixed.sum()}')
    print('\nsub-pixel error of ours where |error| <= 1 px, by true depth (signed mean, std; fraction-of-pixel histogram '
          'of ours: 5 bins over [0,1), uniform = 0.20 each)')
    for lo, hi in [(1.5, 2.5), (2.5, 3.5), (3.5, 4.5), (4.5, 5.5)]:
        m = both & (np.abs(err) <= 1) & (z_truth >= lo) & (z_truth < hi)
        if m.sum() == 0:
            continue
        frac = o[m] - np.floor(o[m])
        hist = np.histogram(frac, bins=5, range=(0, 1))[0] / m.sum()
        ftrue = g[m] - np.floor(g[m])
        hist_t = np.histogram(ftrue, bins=5, range=(0, 1))[0] / m.sum()
        step = np.mean(z_truth[m] ** 2 / (F * B))
        print(f'  Z {lo}-{hi} m: {m.sum():6d} px, error mean {err[m].mean():+.3f} std {err[m].std():.3f} px '
              f'(= {err[m].std() * step * 100:.1f} cm at {step * 100:.1f} cm/px); ours frac {np.round(hist, 3)} truth frac '
              f'{np.round(hist_t, 3)}; gross (>2 px) among both-known here '
              f'{(both & (np.abs(err) > 2) & (z_truth >= lo) & (z_truth < hi)).sum()}')
    for n in [16, 32]:
        vg = voxels(g, n)
        vo = voxels(o, n)
        G = set(np.unique(vg[vg >= 0]).tolist())
        P = set(np.unique(vo[vo >= 0]).tolist())
        missed = G - P
        false = P - G
        print(f'\n{n}^3: truth {len(G)}, ours {len(P)}, IoU {iou(P, G):.3f}; missed {len(missed)}, false {len(false)}')
        # missed voxels: what happened to the truth's pixels in them
        causes = {}
        for v in missed:
            px = vg == v
            cnt = px.sum()
            if not valid[px].any():
                c = 'hole: ours invalid at all its truth pixels'
            elif (mixed[px]).all():
                c = 'truth mixed pixels only (between depth layers)'
            elif g_edge[px].all():
                c = 'truth depth-edge pixels only'
            elif (np.abs(err[px & valid]) > 2).all():
                c = 'gross error (> 2 px) at all its valid pixels'
            elif (np.abs(err[px & valid]) <= 1).all():
                c = 'small error (<= 1 px): a neighbour voxel along depth'
            else:
                c = 'other (1-2 px error, or a mix)'
            key = c + (' [held by <= 3 truth px]' if cnt <= 3 else '')
            causes[key] = causes.get(key, 0) + 1
        for k in sorted(causes, key=lambda k: -causes[k]):
            print(f'  missed {causes[k]:5d}  {k}')
        ok = {}
        for v in false:
            px = vo == v
            e = err[px]
            if not known[px].any():
                c = 'no truth at its pixels'
            elif o_edge[px].all():
                c = 'our depth-edge pixels only (flying pixels)'
            elif (np.abs(e[np.isfinite(e)]) > 2).all():
                c = 'gross error (> 2 px) at all its pixels with truth'
            elif (np.abs(e[np.isfinite(e)]) <= 1).all():
                c = 'small error (<= 1 px): leak along depth'
            else:
                c = 'other (1-2 px error, or a mix)'
            key = c + (' [held by <= 3 of our px]' if px.sum() <= 3 else '')
            ok[key] = ok.get(key, 0) + 1
        for k in sorted(ok, key=lambda k: -ok[k]):
            print(f'  false  {ok[k]:5d}  {k}')
        # by depth slab
        line = []
        for lo, hi in [(1.5, 2.5), (2.5, 3.5), (3.5, 4.5), (4.5, 5.5)]:
            def inz(v):
                zc = BOX_MIN[2] + (v // (n * n) + 0.5) * SIDE / n
                return lo <= zc < hi
            line.append(f'Z {lo}-{hi}: truth {sum(map(inz, G))} missed {sum(map(inz, missed))} false {sum(map(inz, false))}')
        print('  by depth: ' + '; '.join(line))
        # the ceilings: every pixel we have exactly right / the truth at our valid pixels only
        gv = np.where(valid, g, np.nan)
        vgv = voxels(gv, n)
        print(f'  ceiling, truth restricted to our valid pixels: IoU {iou(set(np.unique(vgv[vgv >= 0]).tolist()), G):.3f};'
              f' truth without its mixed pixels: '
              f'{iou(set(np.unique(voxels(np.where(mixed, np.nan, g), n)).tolist()) - {-1}, G):.3f}')


def win_of(a):
    pad = np.pad(a, 1, constant_values=np.nan)
    return np.stack([pad[dy:dy + a.shape[0], dx:dx + a.shape[1]] for dy in range(3) for dx in range(3)])


if __name__ == '__main__':
    import warnings
    warnings.simplefilter('ignore', RuntimeWarning)
    main()
