#!/usr/bin/python3
"""Splits an ONNX model into N consecutive stages (tests and benchmarks of edge-inference only).

    /usr/bin/python3 split_onnx_stages.py MODEL.onnx OUT_DIR [N=3]

Writes OUT_DIR/stage1.onnx .. stageN.onnx. Nodes are kept in the model's topological order and cut
where the running count of Conv nodes reaches k/N of the total (convolutions carry nearly all the
compute, so the stages are of similar cost). Stage k takes as inputs every tensor produced before
its first node (or a graph input) that its nodes consume, and outputs every tensor it produces that
a later node or the graph output consumes; tensors are named as in the full model, so a caller
chains the stages by keeping each sample's tensors by name. Uses only python3-onnx.
"""
import os, sys
import onnx
from onnx import utils


def main():
    src, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    model = onnx.load(src)
    g = model.graph
    nodes = list(g.node)
    convs = sum(1 for x in nodes if x.op_type == "Conv")
    cuts, seen = [], 0
    for i, node in enumerate(nodes):
        if node.op_type == "Conv":
            seen += 1
            if len(cuts) < n - 1 and seen >= convs * (len(cuts) + 1) / n:
                cuts.append(i + 1)
    bounds = [0] + cuts + [len(nodes)]
    initializers = {t.name for t in g.initializer}
    graph_inputs = [i.name for i in g.input if i.name not in initializers]
    graph_outputs = [o.name for o in g.output]
    os.makedirs(out, exist_ok=True)
    extractor = utils.Extractor(model)
    for k in range(n):
        part, later = nodes[bounds[k]:bounds[k + 1]], nodes[bounds[k + 1]:]
        produced_here = {o for x in part for o in x.output}
        produced_before = set(graph_inputs) | {o for x in nodes[:bounds[k]] for o in x.output}
        consumed_here = {i for x in part for i in x.input if i}
        consumed_later = {i for x in later for i in x.input if i} | set(graph_outputs)
        inputs = sorted(t for t in consumed_here if t in produced_before and t not in initializers)
        outputs = sorted(t for t in produced_here if t in consumed_later)
        stage = extractor.extract_model(inputs, outputs)
        onnx.checker.check_model(stage)
        onnx.save(stage, os.path.join(out, f"stage{k + 1}.onnx"))
        print(f"stage{k + 1}: nodes {bounds[k]}..{bounds[k + 1] - 1}, inputs {inputs}, outputs {outputs}")


if __name__ == "__main__":
    main()
