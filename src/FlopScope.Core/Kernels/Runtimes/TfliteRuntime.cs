namespace FlopScope.Kernels.Runtimes;

/// <summary><c>tflite</c>: TensorFlow Lite (CPU or an NPU delegate such as the Edge TPU). The converter folds
/// BatchNorm, bias and Relu/Relu6 into Conv/FullyConnected ("fused_activation_function"); other ops run one each.</summary>
internal static class TfliteRuntime
{
    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "tflite",
        Name = "TensorFlow Lite (CPU or NPU delegate)",
        DeviceKinds = ["npu", "cpu"],
        Rules =
        [
            new()
            {
                Id = "conv-fused-activation", Anchor = ["Conv", "MatMul", "Gemm"],
                Steps = [new(["BatchNormalization"]), new(["Add"], StepOperand.Constant), new(["Relu", "Clip", "Tanh"])],
                Source = "TFLite schema: Conv2D/DepthwiseConv2D/FullyConnected fused_activation_function (RELU, RELU6, TANH)",
            },
        ],
        RemovedOps = ["Identity", "Dropout", "Reshape", "Flatten", "Squeeze", "Unsqueeze"],
        KernelOverheadUs = new Dictionary<string, double> { ["npu"] = 50, ["cpu"] = 5 },
        Classes = RuntimeDefaults.Classes,
        TileElements = RuntimeDefaults.CpuTiles,
        Source = "TensorFlow Lite converter and schema",
    };
}
