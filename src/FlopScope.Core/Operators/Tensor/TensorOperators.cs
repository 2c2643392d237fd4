namespace FlopScope.Operators.Tensor;

/// <summary>Tensor layout, shape and indexing ops (Reshape, Transpose, Concat, Slice, Gather, Shape, ...), with value propagation.</summary>
internal static class TensorOperators
{
    public static void Register(OperatorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Shape chains: values propagate through all of these (0 FLOPs: data movement).
        registry.Register("Identity", new IdentityHandler());
        registry.Register("Constant", new ConstantHandler());
        registry.Register("ConstantOfShape", new ConstantOfShapeHandler());
        registry.Register("Shape", new ShapeHandler());
        registry.Register("Size", new SizeHandler());
        registry.Register("Reshape", new ReshapeHandler());
        registry.Register("Flatten", new FlattenHandler());
        registry.Register("Transpose", new TransposeHandler());
        registry.Register("Concat", new ConcatHandler());
        registry.Register("Split", new SplitHandler());
        registry.Register("Slice", new SliceHandler());
        registry.Register("Gather", new GatherHandler());
        registry.Register("GatherElements", new GatherElementsHandler());
        registry.Register("GatherND", new GatherNDHandler());
        registry.Register("Squeeze", new SqueezeHandler());
        registry.Register("Unsqueeze", new UnsqueezeHandler());
        registry.Register("Expand", new ExpandHandler());
        registry.Register("Tile", new TileHandler());
        registry.Register("Pad", new PadHandler());
        registry.Register("Range", new RangeHandler());
        registry.Register("Dropout", new DropoutHandler());

        // Data-dependent output sizes.
        registry.Register("NonZero", new NonZeroHandler());
        registry.Register("TopK", new TopKHandler());
        registry.Register("Unique", new UniqueHandler());
        registry.Register("NonMaxSuppression", new NonMaxSuppressionHandler());
        registry.Register("Compress", new CompressHandler());

        // Indexing and rearrangement: 0 FLOPs unless a reduction is applied.
        registry.Register("ScatterND", new ScatterHandler(nd: true));
        registry.Register("ScatterElements", new ScatterHandler(nd: false));
        registry.Register("Scatter", new ScatterHandler(nd: false));
        registry.Register("Trilu", new TriluHandler());
        registry.Register("OneHot", new OneHotHandler());
        registry.Register("DepthToSpace", new SpaceDepthHandler(toSpace: true));
        registry.Register("SpaceToDepth", new SpaceDepthHandler(toSpace: false));
        registry.Register("ReverseSequence", new ReverseSequenceHandler());
        registry.Register("EyeLike", new EyeLikeHandler());
        registry.Register("CenterCropPad", new CenterCropPadHandler());
        registry.Register("Crop", new CropHandler());

        // Arithmetic ones (figures in each handler's docs).
        registry.Register("CumSum", new CumSumHandler());                                  // 1 per element
        registry.Register("QuantizeLinear", new LinearQuantizeHandler(quantize: true));    // 2 per element
        registry.Register("DequantizeLinear", new LinearQuantizeHandler(quantize: false)); // 2 per element
        registry.Register("DynamicQuantizeLinear", new DynamicQuantizeLinearHandler());    // 4 per element
        registry.Register("RandomNormal", new RandomHandler(RandomKind.FromAttribute));
        registry.Register("RandomUniform", new RandomHandler(RandomKind.FromAttribute));
        registry.Register("RandomNormalLike", new RandomHandler(RandomKind.Like));
        registry.Register("RandomUniformLike", new RandomHandler(RandomKind.Like));
        registry.Register("Bernoulli", new RandomHandler(RandomKind.Bernoulli));
        registry.Register("Multinomial", new RandomHandler(RandomKind.Multinomial));
        registry.Register("Col2Im", new Col2ImHandler());
        registry.Register("Det", new DetHandler());
        registry.Register("GridSample", new GridSampleHandler());
        registry.Register("AffineGrid", new AffineGridHandler());
        registry.Register("ImageScaler", new ImageScalerHandler());
    }
}
