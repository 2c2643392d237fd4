using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class GroupQueryAttentionHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void DecodeStepWithPast()
    {
        // Llama-style: 32 query heads, 8 KV heads, head 128; one new token after 127 cached ones.
        var result = new TestGraph().Input("q", 1, 1, 4096).Input("k", 1, 1, 1024).Input("v", 1, 1, 1024)
            .Input("pk", 1, 8, 127, 128).Input("pv", 1, 8, 127, 128).Input("seqlens", DataType.Int32, 1).Ints("total", [128], [])
            .NodeIn(Ms, "GroupQueryAttention", ["q", "k", "v", "pk", "pv", "seqlens", "total"], ["y", "present_k", "present_v"],
                ("num_heads", 32), ("kv_num_heads", 8))
            .Analyze();

        Assert.Equal("1x1x4096", result.ShapeOf("y"));
        Assert.Equal("1x8x128x128", result.ShapeOf("present_k"));
        Assert.Equal("1x8x128x128", result.ShapeOf("present_v"));
        const long scores = 1L * 32 * 1 * 128;
        Assert.Equal(scores * 256, result.TotalCost.Macs); // 1,048,576
        Assert.Equal(scores * (1 + 1 + 5), result.TotalCost.OtherFlops); // scale, causal mask, softmax
    }

    [Fact]
    public void SharedBufferKeepsItsLength()
    {
        var result = new TestGraph().Input("q", 1, 1, 64).Input("k", 1, 1, 32).Input("v", 1, 1, 32)
            .Input("pk", 1, 2, 256, 16).Input("pv", 1, 2, 256, 16).Input("seqlens", DataType.Int32, 1).Ints("total", [10], [])
            .NodeIn(Ms, "GroupQueryAttention", ["q", "k", "v", "pk", "pv", "seqlens", "total"], ["y", "present_k", "", "qk"],
                ("num_heads", 4), ("kv_num_heads", 2))
            .Analyze();

        Assert.Equal("1x2x256x16", result.ShapeOf("present_k"));
        Assert.Equal("1x4x1x10", result.ShapeOf("qk"));
        Assert.Equal(1L * 4 * 10 * 32, result.TotalCost.Macs);
    }

    [Fact]
    public void PackedPromptWithRotaryAndUnknownTotalLength()
    {
        // Packed QKV width (4 + 2*2) x 16 = 128; total length unknown -> past (none) + 10.
        var result = new TestGraph().Input("qkv", 1, 10, 128).Input("seqlens", DataType.Int32, 1).Input("total", DataType.Int32)
            .Weight("cos", 64, 8).Weight("sin", 64, 8)
            .NodeIn(Ms, "GroupQueryAttention", ["qkv", "", "", "", "", "seqlens", "total", "cos", "sin"], ["y", "present_k"],
                ("num_heads", 4), ("kv_num_heads", 2), ("do_rotary", 1))
            .Analyze();

        Assert.Equal("1x10x64", result.ShapeOf("y"));
        Assert.Equal("1x2x10x16", result.ShapeOf("present_k"));
        const long scores = 1L * 4 * 10 * 10;
        Assert.Equal(scores * 32, result.TotalCost.Macs);
        // attention 400 x 7; rotary 3 x 10 tokens x (4 + 2) heads x 16.
        Assert.Equal((scores * 7) + (3L * 10 * 6 * 16), result.TotalCost.OtherFlops);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("total_sequence_length unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void HeadsMustGroupEvenly()
    {
        var graph = new TestGraph().Input("q", 1, 1, 48).Input("k", 1, 1, 32).Input("v", 1, 1, 32)
            .Input("seqlens", DataType.Int32, 1).Ints("total", [1], [])
            .NodeIn(Ms, "GroupQueryAttention", ["q", "k", "v", "", "", "seqlens", "total"], ["y"], ("num_heads", 3), ("kv_num_heads", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
