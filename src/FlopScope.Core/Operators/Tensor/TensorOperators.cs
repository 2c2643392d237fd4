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
    }
}
