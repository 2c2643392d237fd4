namespace FlopScope.Operators.Nn;

/// <summary>Neural-network ops: pooling, normalization, reductions, softmax, resize, recurrent and attention ops.</summary>
internal static class NnOperators
{
    public static void Register(OperatorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Pooling.
        registry.Register("MaxPool", new PoolHandler(PoolKind.Max));
        registry.Register("AveragePool", new PoolHandler(PoolKind.Average));
        registry.Register("LpPool", new PoolHandler(PoolKind.Lp));
        registry.Register("GlobalMaxPool", new GlobalPoolHandler(PoolKind.Max));
        registry.Register("GlobalAveragePool", new GlobalPoolHandler(PoolKind.Average));
        registry.Register("GlobalLpPool", new GlobalPoolHandler(PoolKind.Lp));
        registry.Register("MaxRoiPool", new MaxRoiPoolHandler());
        registry.Register("RoiAlign", new RoiAlignHandler());
        registry.Register("MaxUnpool", new MaxUnpoolHandler());

        // Normalization.
        registry.Register("BatchNormalization", new BatchNormalizationHandler());
        registry.Register("LayerNormalization", new LayerNormalizationHandler());
        registry.Register("InstanceNormalization", new InstanceNormalizationHandler());
        registry.Register("GroupNormalization", new GroupNormalizationHandler());
        registry.Register("RMSNormalization", new RmsNormalizationHandler());
        registry.Register("MeanVarianceNormalization", new MeanVarianceNormalizationHandler());
        registry.Register("LpNormalization", new LpNormalizationHandler());
        registry.Register("LRN", new LrnHandler());

        // Softmax family.
        registry.Register("Softmax", new SoftmaxHandler(SoftmaxKind.Softmax));
        registry.Register("LogSoftmax", new SoftmaxHandler(SoftmaxKind.LogSoftmax));
        registry.Register("Hardmax", new SoftmaxHandler(SoftmaxKind.Hardmax));

        // Reductions.
        registry.Register("ReduceSum", new ReduceHandler(ReduceKind.Sum));
        registry.Register("ReduceMean", new ReduceHandler(ReduceKind.Mean));
        registry.Register("ReduceMax", new ReduceHandler(ReduceKind.Max));
        registry.Register("ReduceMin", new ReduceHandler(ReduceKind.Min));
        registry.Register("ReduceProd", new ReduceHandler(ReduceKind.Prod));
        registry.Register("ReduceL1", new ReduceHandler(ReduceKind.L1));
        registry.Register("ReduceL2", new ReduceHandler(ReduceKind.L2));
        registry.Register("ReduceLogSum", new ReduceHandler(ReduceKind.LogSum));
        registry.Register("ReduceLogSumExp", new ReduceHandler(ReduceKind.LogSumExp));
        registry.Register("ReduceSumSquare", new ReduceHandler(ReduceKind.SumSquare));
        registry.Register("ArgMax", new ArgReduceHandler(max: true));
        registry.Register("ArgMin", new ArgReduceHandler(max: false));

        // Resampling and spectral.
        registry.Register("Resize", new ResizeHandler());
        registry.Register("Upsample", new UpsampleHandler());
        registry.Register("DFT", new DftHandler());
        registry.Register("STFT", new StftHandler());
        registry.Register("HannWindow", new WindowHandler(4));
        registry.Register("HammingWindow", new WindowHandler(4));
        registry.Register("BlackmanWindow", new WindowHandler(7));
        registry.Register("MelWeightMatrix", new MelWeightMatrixHandler());

        // Losses.
        registry.Register("NegativeLogLikelihoodLoss", new NegativeLogLikelihoodLossHandler());
        registry.Register("SoftmaxCrossEntropyLoss", new SoftmaxCrossEntropyLossHandler());
    }
}
