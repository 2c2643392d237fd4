#!/usr/bin/python3
"""Rebuild Ultralytics YOLOv8 and YOLO11 detection models (n/s/m/l/x) in plain PyTorch from their published model
YAMLs (ultralytics/cfg/models/v8/yolov8.yaml, ultralytics/cfg/models/11/yolo11.yaml: layer list, depth/width
multiples, max channels) and export each as Ultralytics' own ONNX export would look: 1x3xHxW static input `images`,
BatchNorm folded into Conv, output `output0` (1 x (4+80) x anchors), every weight set to zero.

The graphs are checked before they are written, and the script fails rather than write a graph that disagrees:
  * unfused PyTorch parameter count == the figure Ultralytics prints in the YAML's scale comments (`model.info()`),
  * fused parameter count matches the published docs table (params (M)) to its rounding, and 2 x conv MACs at 640
    (= Ultralytics' GFLOPs: thop MACs x 2 of the fused model) rounds to its FLOPs (B) column (one decimal) or,
    where it does not, is within 0.1% of it (only YOLOv8l: 165.15 against 165.2 printed, its parameter count exact).

Not used by tests at run time: the committed tests/fixtures/published/*.onnx.gz are what the tests read.
Needs Debian's python3-torch and python3-onnx (apt-get install -y python3-torch python3-onnx).

    /usr/bin/python3 benchmarks/published/export_yolo.py OUTDIR [names...]
"""
import gzip
import math
import os
import sys

import onnx
import torch
import torch.nn as nn

# Whether Conv blocks carry a BatchNorm (PyTorch training form) or a biased conv (fused, as exported).
FUSED = [False]


class Conv(nn.Module):
    """Conv2d + BatchNorm2d + SiLU (Ultralytics `Conv`); `act=False` drops the activation."""

    def __init__(self, c1, c2, k=1, s=1, g=1, act=True):
        super().__init__()
        fused = FUSED[0]
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, groups=g, bias=fused)
        self.bn = nn.Identity() if fused else nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU() if act else nn.Identity()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


def dwconv(c1, c2, k=1, s=1, act=True):
    return Conv(c1, c2, k, s, g=math.gcd(c1, c2), act=act)


class Bottleneck(nn.Module):
    def __init__(self, c1, c2, shortcut=True, k=(3, 3), e=0.5):
        super().__init__()
        c = int(c2 * e)
        self.cv1 = Conv(c1, c, k[0], 1)
        self.cv2 = Conv(c, c2, k[1], 1)
        self.add = shortcut and c1 == c2

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C2f(nn.Module):
    """CSP with 2 convs: split in two, chain n bottlenecks on the second half, concatenate every intermediate."""

    def __init__(self, c1, c2, n=1, shortcut=False, e=0.5, inner=None):
        super().__init__()
        self.c = int(c2 * e)
        self.cv1 = Conv(c1, 2 * self.c, 1, 1)
        self.cv2 = Conv((2 + n) * self.c, c2, 1)
        self.m = nn.ModuleList(inner(self.c) if inner else Bottleneck(self.c, self.c, shortcut, (3, 3), 1.0)
                               for _ in range(n))

    def forward(self, x):
        y = list(self.cv1(x).split((self.c, self.c), 1))
        for m in self.m:
            y.append(m(y[-1]))
        return self.cv2(torch.cat(y, 1))


class C3k(nn.Module):
    """C3 with k x k bottlenecks: two 1x1 branches, n bottlenecks on one, concatenated and fused by a 1x1."""

    def __init__(self, c1, c2, n=2, shortcut=True, e=0.5, k=3):
        super().__init__()
        c = int(c2 * e)
        self.cv1 = Conv(c1, c, 1, 1)
        self.cv2 = Conv(c1, c, 1, 1)
        self.cv3 = Conv(2 * c, c2, 1)
        self.m = nn.Sequential(*(Bottleneck(c, c, shortcut, (k, k), 1.0) for _ in range(n)))

    def forward(self, x):
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


def c3k2(c1, c2, n, c3k, e=0.5, shortcut=True):
    """YOLO11's C3k2: a C2f whose inner blocks are C3k (c3k) or e=0.5 bottlenecks."""
    if c3k:
        inner = lambda c: C3k(c, c, 2, shortcut)
    else:
        inner = lambda c: Bottleneck(c, c, shortcut, (3, 3), 0.5)
    return C2f(c1, c2, n, shortcut, e, inner)


class SPPF(nn.Module):
    def __init__(self, c1, c2, k=5):
        super().__init__()
        c = c1 // 2
        self.cv1 = Conv(c1, c, 1, 1)
        self.cv2 = Conv(c * 4, c2, 1, 1)
        self.m = nn.MaxPool2d(k, 1, k // 2)

    def forward(self, x):
        y = [self.cv1(x)]
        for _ in range(3):
            y.append(self.m(y[-1]))
        return self.cv2(torch.cat(y, 1))


class Attention(nn.Module):
    """YOLO11 position-sensitive attention: 1x1 qkv, softmax(q^T k) over all positions, depthwise 3x3 positional
    encoding of v, 1x1 projection."""

    def __init__(self, dim, num_heads, attn_ratio=0.5):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.key_dim = int(self.head_dim * attn_ratio)
        self.scale = self.key_dim ** -0.5
        self.qkv = Conv(dim, dim + 2 * self.key_dim * num_heads, 1, act=False)
        self.proj = Conv(dim, dim, 1, act=False)
        self.pe = Conv(dim, dim, 3, 1, g=dim, act=False)

    def forward(self, x):
        b, c, h, w = x.shape
        n = h * w
        q, k, v = self.qkv(x).view(b, self.num_heads, 2 * self.key_dim + self.head_dim, n).split(
            [self.key_dim, self.key_dim, self.head_dim], dim=2)
        attn = ((q.transpose(-2, -1) @ k) * self.scale).softmax(dim=-1)
        y = (v @ attn.transpose(-2, -1)).view(b, c, h, w) + self.pe(v.reshape(b, c, h, w))
        return self.proj(y)


class PSABlock(nn.Module):
    def __init__(self, c, num_heads):
        super().__init__()
        self.attn = Attention(c, num_heads, 0.5)
        self.ffn = nn.Sequential(Conv(c, 2 * c, 1), Conv(2 * c, c, 1, act=False))

    def forward(self, x):
        x = x + self.attn(x)
        return x + self.ffn(x)


class C2PSA(nn.Module):
    def __init__(self, c1, c2, n=1, e=0.5):
        super().__init__()
        assert c1 == c2
        self.c = int(c1 * e)
        self.cv1 = Conv(c1, 2 * self.c, 1, 1)
        self.cv2 = Conv(2 * self.c, c1, 1)
        self.m = nn.Sequential(*(PSABlock(self.c, self.c // 64) for _ in range(n)))

    def forward(self, x):
        a, b = self.cv1(x).split((self.c, self.c), 1)
        return self.cv2(torch.cat((a, self.m(b)), 1))


class Detect(nn.Module):
    """Anchor-free decoupled head with DFL box regression; export form concatenates boxes (xywh, pixels) and class
    sigmoids into 1 x (4 + nc) x anchors."""

    def __init__(self, nc, ch, strides, imgsz, legacy):
        super().__init__()
        self.nc, self.reg_max = nc, 16
        self.no = nc + 4 * self.reg_max
        c2 = max(16, ch[0] // 4, 4 * self.reg_max)
        c3 = max(ch[0], min(nc, 100))
        self.cv2 = nn.ModuleList(nn.Sequential(Conv(x, c2, 3), Conv(c2, c2, 3), nn.Conv2d(c2, 4 * self.reg_max, 1))
                                 for x in ch)
        if legacy:
            self.cv3 = nn.ModuleList(nn.Sequential(Conv(x, c3, 3), Conv(c3, c3, 3), nn.Conv2d(c3, nc, 1)) for x in ch)
        else:
            self.cv3 = nn.ModuleList(nn.Sequential(nn.Sequential(dwconv(x, x, 3), Conv(x, c3, 1)),
                                                   nn.Sequential(dwconv(c3, c3, 3), Conv(c3, c3, 1)),
                                                   nn.Conv2d(c3, nc, 1)) for x in ch)
        self.dfl = nn.Conv2d(self.reg_max, 1, 1, bias=False).requires_grad_(False)
        anchors, stride_t = [], []
        for s in strides:
            h, w = imgsz // s, imgsz // s
            sy, sx = torch.meshgrid(torch.arange(h) + 0.5, torch.arange(w) + 0.5, indexing="ij")
            anchors.append(torch.stack((sx, sy), -1).view(-1, 2))
            stride_t.append(torch.full((h * w, 1), float(s)))
        self.register_buffer("anchors", torch.cat(anchors).transpose(0, 1).unsqueeze(0), persistent=False)
        self.register_buffer("strides", torch.cat(stride_t).transpose(0, 1), persistent=False)

    def forward(self, xs):
        b = xs[0].shape[0]
        x = torch.cat([torch.cat((self.cv2[i](xi), self.cv3[i](xi)), 1).view(b, self.no, -1) for i, xi in enumerate(xs)],
                      2)
        box, cls = x.split((4 * self.reg_max, self.nc), 1)
        a = box.shape[2]
        dist = self.dfl(box.view(b, 4, self.reg_max, a).transpose(2, 1).softmax(1)).view(b, 4, a)
        lt, rb = dist.chunk(2, 1)
        x1y1, x2y2 = self.anchors - lt, self.anchors + rb
        dbox = torch.cat(((x1y1 + x2y2) / 2, x2y2 - x1y1), 1) * self.strides
        return torch.cat((dbox, cls.sigmoid()), 1)


# Published YAML scales: [depth, width, max_channels]
V8_SCALES = {"n": (0.33, 0.25, 1024), "s": (0.33, 0.50, 1024), "m": (0.67, 0.75, 768), "l": (1.00, 1.00, 512),
             "x": (1.00, 1.25, 512)}
V11_SCALES = {"n": (0.50, 0.25, 1024), "s": (0.50, 0.50, 1024), "m": (0.50, 1.00, 512), "l": (1.00, 1.00, 512),
              "x": (1.00, 1.50, 512)}


class Yolo(nn.Module):
    """Builds the layer list of yolov8.yaml / yolo11.yaml with Ultralytics' parse_model scaling rules: channels =
    ceil8(min(c, max_channels) x width); repeats = max(round(n x depth), 1); C3k2 uses C3k blocks at scales m/l/x."""

    def __init__(self, family, scale, imgsz=640, nc=80):
        super().__init__()
        depth, width, maxc = (V8_SCALES if family == "v8" else V11_SCALES)[scale]
        ch = lambda c: int(math.ceil(min(c, maxc) * width / 8) * 8)
        rep = lambda n: max(round(n * depth), 1) if n > 1 else n
        layers, outs, c_prev = [], [], 3
        if family == "v8":
            spec = [(-1, 1, "Conv", [64, 3, 2]), (-1, 1, "Conv", [128, 3, 2]), (-1, 3, "C2f", [128, True]),
                    (-1, 1, "Conv", [256, 3, 2]), (-1, 6, "C2f", [256, True]), (-1, 1, "Conv", [512, 3, 2]),
                    (-1, 6, "C2f", [512, True]), (-1, 1, "Conv", [1024, 3, 2]), (-1, 3, "C2f", [1024, True]),
                    (-1, 1, "SPPF", [1024, 5]),
                    (-1, 1, "Up", []), ([-1, 6], 1, "Cat", []), (-1, 3, "C2f", [512]),
                    (-1, 1, "Up", []), ([-1, 4], 1, "Cat", []), (-1, 3, "C2f", [256]),
                    (-1, 1, "Conv", [256, 3, 2]), ([-1, 12], 1, "Cat", []), (-1, 3, "C2f", [512]),
                    (-1, 1, "Conv", [512, 3, 2]), ([-1, 9], 1, "Cat", []), (-1, 3, "C2f", [1024]),
                    ([15, 18, 21], 1, "Detect", [])]
        else:
            spec = [(-1, 1, "Conv", [64, 3, 2]), (-1, 1, "Conv", [128, 3, 2]), (-1, 2, "C3k2", [256, False, 0.25]),
                    (-1, 1, "Conv", [256, 3, 2]), (-1, 2, "C3k2", [512, False, 0.25]), (-1, 1, "Conv", [512, 3, 2]),
                    (-1, 2, "C3k2", [512, True]), (-1, 1, "Conv", [1024, 3, 2]), (-1, 2, "C3k2", [1024, True]),
                    (-1, 1, "SPPF", [1024, 5]), (-1, 2, "C2PSA", [1024]),
                    (-1, 1, "Up", []), ([-1, 6], 1, "Cat", []), (-1, 2, "C3k2", [512, False]),
                    (-1, 1, "Up", []), ([-1, 4], 1, "Cat", []), (-1, 2, "C3k2", [256, False]),
                    (-1, 1, "Conv", [256, 3, 2]), ([-1, 13], 1, "Cat", []), (-1, 2, "C3k2", [512, False]),
                    (-1, 1, "Conv", [512, 3, 2]), ([-1, 10], 1, "Cat", []), (-1, 2, "C3k2", [1024, True]),
                    ([16, 19, 22], 1, "Detect", [])]
        chans = []
        for i, (f, n, kind, args) in enumerate(spec):
            n = rep(n)
            if kind == "Conv":
                c2 = ch(args[0])
                m = Conv(c_prev, c2, args[1], args[2])
            elif kind == "C2f":
                c2 = ch(args[0])
                m = C2f(c_prev, c2, n, args[1] if len(args) > 1 else False)
            elif kind == "C3k2":
                c2 = ch(args[0])
                use_c3k = True if scale in "mlx" else args[1]
                m = c3k2(c_prev, c2, n, use_c3k, args[2] if len(args) > 2 else 0.5)
            elif kind == "SPPF":
                c2 = ch(args[0])
                m = SPPF(c_prev, c2, args[1])
            elif kind == "C2PSA":
                c2 = ch(args[0])
                m = C2PSA(c_prev, c2, n)
            elif kind == "Up":
                c2 = c_prev
                m = nn.Upsample(scale_factor=2, mode="nearest")
            elif kind == "Cat":
                c2 = sum(chans[j] if j >= 0 else c_prev for j in f)
                m = None
            else:
                m = Detect(nc, [chans[j] for j in f], (8, 16, 32), imgsz, legacy=(family == "v8"))
                c2 = 4 + nc
            layers.append((f, m))
            chans.append(c2)
            c_prev = c2
        self.spec = [f for f, _ in layers]
        self.mods = nn.ModuleList(m if m is not None else nn.Identity() for _, m in layers)
        self.is_cat = [m is None for _, m in layers]

    def forward(self, x):
        ys = []
        for f, m, is_cat in zip(self.spec, self.mods, self.is_cat):
            if isinstance(f, list):
                inp = [ys[j] if j >= 0 else x for j in f]
                x = torch.cat(inp, 1) if is_cat else m(inp)
            else:
                x = m(x)
            ys.append(x)
        return x


# Ultralytics' own figures. unfused: the YAML scale comments (model.info() of the PyTorch model).
# published: docs model table, params (M) and FLOPs (B) of the fused model at 640.
EXPECTED = {
    "yolov8n": {"unfused": 3157200, "params_m": 3.2, "gflops": 8.7},
    "yolov8s": {"unfused": 11166560, "params_m": 11.2, "gflops": 28.6},
    "yolov8m": {"unfused": 25902640, "params_m": 25.9, "gflops": 78.9},
    "yolov8l": {"unfused": 43691520, "params_m": 43.7, "gflops": 165.2},
    "yolov8x": {"unfused": 68229648, "params_m": 68.2, "gflops": 257.8},
    "yolo11n": {"unfused": 2624080, "params_m": 2.6, "gflops": 6.5},
    "yolo11s": {"unfused": 9458752, "params_m": 9.4, "gflops": 21.5},
    "yolo11m": {"unfused": 20114688, "params_m": 20.1, "gflops": 68.0},
    "yolo11l": {"unfused": 25372160, "params_m": 25.3, "gflops": 86.9},
    "yolo11x": {"unfused": 56966176, "params_m": 56.9, "gflops": 194.9},
}


def conv_macs(model, imgsz):
    total = [0]

    def hook(mod, inp, out):
        k = mod.kernel_size[0] * mod.kernel_size[1] * mod.in_channels // mod.groups
        total[0] += out.numel() * k

    hs = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model(torch.zeros(1, 3, imgsz, imgsz))
    for h in hs:
        h.remove()
    return total[0]


def build(name, imgsz=640):
    family, scale = ("v8", name[-1]) if name.startswith("yolov8") else ("11", name[-1])
    FUSED[0] = False
    unfused = sum(p.numel() for p in Yolo(family, scale, imgsz).parameters())
    FUSED[0] = True
    model = Yolo(family, scale, imgsz).eval()
    fused = sum(p.numel() for p in model.parameters())
    macs = conv_macs(model, imgsz)
    exp = EXPECTED[name]
    print(f"{name}: unfused params {unfused} (Ultralytics {exp['unfused']}), fused {fused} = {fused / 1e6:.1f} M "
          f"(table {exp['params_m']}), conv GFLOPs 2xMACs {2 * macs / 1e9:.4f} (table {exp['gflops']})")
    if unfused != exp["unfused"]:
        raise SystemExit(f"{name}: unfused parameter count differs from Ultralytics' {exp['unfused']}")
    if round(fused / 1e6, 1) != exp["params_m"] or (round(2 * macs / 1e9, 1) != exp["gflops"] and abs(2 * macs / 1e9 / exp["gflops"] - 1) > 1e-3):
        raise SystemExit(f"{name}: fused params or GFLOPs differ from the published table")
    return model


def main():
    torch.manual_seed(0)
    out = sys.argv[1]
    names = sys.argv[2:] or list(EXPECTED)
    os.makedirs(out, exist_ok=True)
    for name in names:
        model = build(name)
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(model, torch.zeros(1, 3, 640, 640), path, input_names=["images"],
                          output_names=["output0"], opset_version=17)
        # Exported with PyTorch's random initial weights (zero tensors of equal shape would be de-duplicated by the
        # exporter into shared initializers, which changes parameter counts and weight traffic); zeroed afterwards.
        # Only floating-point initializers: integer ones are shapes and indices.
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
