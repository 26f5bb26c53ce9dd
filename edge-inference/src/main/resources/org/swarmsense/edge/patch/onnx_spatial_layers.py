#!/usr/bin/python3
"""Lists an ONNX model's nodes as the spatial layers ReceptiveField reads (issue 20, the patch bound).

    /usr/bin/python3 onnx_spatial_layers.py MODEL.onnx

Needs Debian python3-onnx. One line per node, in graph order, of key=value fields separated by
single spaces (names must not hold spaces):
    input name=X                                  the graph's first input (NCHW)
    layer op=window out=Y in=X kernel=KH,KW stride=SH,SW dilation=DH,DW pads=T,L,B,R
                                                  Conv, MaxPool, AveragePool
    layer op=resize out=Y in=X scale=SH,SW mode=nearest|linear|cubic coord=MODE nearest=MODE
    layer op=global out=Y in=A,B                  anything that mixes positions (global pools,
                                                  reductions, reshapes, matrix products, ...)
    layer op=pointwise out=Y in=A,B               anything else: element-wise ops, activations,
                                                  normalisation, concatenation, shape arithmetic
    output name=Y                                 each graph output
Initializers and Constant nodes are left out of in= (they depend on no pixel).
"""
import sys

POINTWISE = {"Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Softplus", "Tanh", "Clip",
             "BatchNormalization", "Concat", "Identity", "Exp", "Log", "Neg", "Abs", "Sqrt", "Pow", "HardSigmoid",
             "HardSwish", "Erf", "Cast", "Max", "Min", "Sum", "Where", "Not", "Equal", "Less", "Greater",
             "Dropout", "Elu", "Selu", "Softsign", "Reciprocal", "Floor", "Ceil", "Round"}
WINDOW = {"Conv", "MaxPool", "AveragePool"}


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: onnx_spatial_layers.py MODEL.onnx")
    import onnx
    from onnx import numpy_helper

    g = onnx.load(sys.argv[1]).graph
    consts = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    for n in g.node:
        if n.op_type == "Constant":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    print("input name=" + g.input[0].name)
    for n in g.node:
        if n.op_type == "Constant":
            continue
        a = {x.name: onnx.helper.get_attribute_value(x) for x in n.attribute}
        ins = ",".join(i for i in n.input if i and i not in consts) or "-"
        out = n.output[0]
        if n.op_type in WINDOW:
            if n.op_type == "Conv":
                k = list(a.get("kernel_shape", consts[n.input[1]].shape[2:]))
                ins = n.input[0]
            else:
                k = list(a["kernel_shape"])
            if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
                raise SystemExit(n.name + ": auto_pad is not supported")
            s = list(a.get("strides", [1, 1]))
            d = list(a.get("dilations", [1, 1]))
            p = list(a.get("pads", [0, 0, 0, 0]))
            if len(k) != 2:
                raise SystemExit(n.name + ": only 2-D windows are supported, got kernel " + str(k))
            print("layer op=window out=%s in=%s kernel=%d,%d stride=%d,%d dilation=%d,%d pads=%d,%d,%d,%d"
                  % (out, ins, k[0], k[1], s[0], s[1], d[0], d[1], p[0], p[1], p[2], p[3]))
        elif n.op_type in ("Resize", "Upsample"):
            scales = None
            if n.op_type == "Upsample":
                scales = consts.get(n.input[1]) if len(n.input) > 1 else a.get("scales")
            elif len(n.input) > 2 and n.input[2] and n.input[2] in consts and consts[n.input[2]].size:
                scales = consts[n.input[2]]
            if scales is None:
                raise SystemExit(n.name + ": resize without constant scales is not supported")
            mode = a.get("mode", b"nearest")
            mode = mode.decode() if isinstance(mode, bytes) else mode
            coord = a.get("coordinate_transformation_mode", b"half_pixel")
            coord = coord.decode() if isinstance(coord, bytes) else coord
            nearest = a.get("nearest_mode", b"round_prefer_floor")
            nearest = nearest.decode() if isinstance(nearest, bytes) else nearest
            print("layer op=resize out=%s in=%s scale=%r,%r mode=%s coord=%s nearest=%s"
                  % (out, n.input[0], float(scales[2]), float(scales[3]), mode, coord, nearest))
        elif n.op_type in POINTWISE:
            print("layer op=pointwise out=%s in=%s" % (out, ins))
        else:
            print("layer op=global out=%s in=%s" % (out, ins))
    for o in g.output:
        print("output name=" + o.name)


if __name__ == "__main__":
    main()
