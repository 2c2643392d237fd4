#!/usr/bin/env python3
"""Writes an ONNX model that is a chain of N Relu nodes (no onnx package needed): a stress input for the profiler.
Usage: make_chain.py N out.onnx"""
import sys


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, payload):
    if isinstance(payload, int):
        return varint(number << 3) + varint(payload)
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def value_info(name, dims):
    shape = b"".join(field(1, field(1, d)) for d in dims)
    return field(1, name) + field(2, field(1, field(1, 1) + field(2, shape)))


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    parts = [field(2, "chain"), field(11, value_info("x0", [1, 64]))]
    for i in range(n):
        parts.append(field(1, field(1, f"x{i}") + field(2, f"x{i + 1}") + field(3, f"r{i}") + field(4, "Relu")))
    parts.append(field(12, value_info(f"x{n}", [1, 64])))
    graph = b"".join(parts)
    model = field(1, 8) + field(2, "make_chain") + field(8, field(2, 17)) + field(7, graph)
    with open(path, "wb") as f:
        f.write(model)


main()
