#!/usr/bin/python3
"""Rebuild the two MLPerf Inference edge vision models the published table uses, as the graphs NVIDIA's submission
feeds TensorRT, with every weight set to zero:

  * resnet50: ResNet-50 v1.5 (MLPerf's image classification model; torchvision's resnet50 is v1.5: stride 2 on the
    3x3 convolution of each down-sampling bottleneck), 1x3x224x224, BatchNorm folded into Conv by the exporter.
    MLPerf's reference graph has 1001 classes (class 0 = background); it is built with 1001 here.
  * retinanet: MLPerf's RetinaNet (ResNeXt50-32x4d + FPN, 800x800, 264 OpenImages classes, 9 anchors), exactly the
    part NVIDIA's closed/NVIDIA/code/retinanet/tensorrt/onnx_generator/create_model_onnx.py exports: backbone, FPN
    (returned layers 2-4, extra P6/P7 from P5: LastLevelP6P7(256, 256)) and the classification/regression heads
    (4 x conv3x3+ReLU each, then cls_logits / bbox_reg), 10 outputs, one per head and level. NMS runs in a TensorRT
    plugin (on Orin: on the PVA) and is not in the graph. Structure from the MLPerf training reference
    (mlcommons/training single_stage_detector/ssd/model/retinanet.py: retinanet_resnext50_32x4d_fpn, RetinaNetHead).

The script checks the published parameter count of ResNet-50 v1.5 before writing: 25,557,032 with 1000 classes
(torchvision's documented figure), + 2,049 for the 1001st class.

Not used by tests at run time: the committed tests/fixtures/published/*.onnx.gz are what the tests read.
Needs Debian's python3-torch, python3-torchvision and python3-onnx.

    /usr/bin/python3 benchmarks/published/export_mlperf.py OUTDIR [resnet50] [retinanet]
"""
import gzip
import math
import os
import sys

import onnx
import torch
import torch.nn as nn
import torchvision
from torchvision.models.detection.backbone_utils import resnet_fpn_backbone
from torchvision.models.detection.retinanet import RetinaNetHead
from torchvision.ops.feature_pyramid_network import LastLevelP6P7


class RetinaNetDense(nn.Module):
    """Backbone + FPN + heads, outputs per level as NVIDIA's wrapper returns them (no permute, no NMS)."""

    def __init__(self):
        super().__init__()
        self.backbone = resnet_fpn_backbone(backbone_name="resnext50_32x4d", weights=None, trainable_layers=3,
                                            returned_layers=[2, 3, 4], extra_blocks=LastLevelP6P7(256, 256),
                                            norm_layer=nn.BatchNorm2d)
        self.head = RetinaNetHead(256, 9, 264)

    def forward(self, x):
        features = list(self.backbone(x).values())
        outs = []
        for f in features:
            outs.append(self.head.classification_head.cls_logits(self.head.classification_head.conv(f)))
            outs.append(self.head.regression_head.bbox_reg(self.head.regression_head.conv(f)))
        return tuple(outs)


def resnet50():
    reference = sum(p.numel() for p in torchvision.models.resnet50(weights=None).parameters())
    if reference != 25557032:
        raise SystemExit(f"resnet50: {reference} parameters, torchvision documents 25,557,032")
    model = torchvision.models.resnet50(weights=None, num_classes=1001)
    params = sum(p.numel() for p in model.parameters())
    if params != 25557032 + 2049:
        raise SystemExit(f"resnet50 (1001 classes): {params} parameters")
    print(f"resnet50: {params} parameters (1001 classes)")
    return model, 224, ["input_tensor"], ["logits"]


def retinanet():
    model = RetinaNetDense()
    print(f"retinanet: {sum(p.numel() for p in model.parameters())} parameters")
    names = [f"{h}_{s}x{s}" for s in [100, 50, 25, 13, 7] for h in ("classification_head", "regression_head")]
    return model, 800, ["images"], names


def main():
    torch.manual_seed(0)
    out = sys.argv[1]
    names = sys.argv[2:] or ["resnet50", "retinanet"]
    os.makedirs(out, exist_ok=True)
    for name in names:
        model, size, inputs, outputs = {"resnet50": resnet50, "retinanet": retinanet}[name]()
        model.eval()
        path = os.path.join(out, name + ".onnx")
        with torch.no_grad():
            torch.onnx.export(model, torch.zeros(1, 3, size, size), path, input_names=inputs, output_names=outputs,
                              opset_version=17)
        # Exported with PyTorch's random initial weights (zero tensors would be de-duplicated into shared
        # initializers by the exporter); floating-point initializers zeroed afterwards.
        graph = onnx.load(path)
        for init in graph.graph.initializer:
            if init.data_type == onnx.TensorProto.FLOAT:
                count = math.prod(init.dims)
                del init.float_data[:]
                init.raw_data = bytes(4 * count)
        with open(path + ".gz", "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
                gz.write(graph.SerializeToString())
        os.remove(path)
        print(f"  wrote {path}.gz ({os.path.getsize(path + '.gz')} bytes)")


if __name__ == "__main__":
    main()
