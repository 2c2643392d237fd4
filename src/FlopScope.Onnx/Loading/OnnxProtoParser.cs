using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx.Protobuf;
using FlopScope.Safety;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Parses ModelProto bytes into the graph model. Field numbers are those of onnx/onnx.proto (IR 3 to 11). Tensor
/// payloads (raw_data and typed data of large tensors) are skipped as slices and never read; only small integral
/// tensors and small float scalars are decoded. External data locations are validated, not opened. Only with
/// <see cref="FindIdenticalTensors"/> are payload bytes read, by IdenticalTensorFinder.
/// </summary>
internal sealed unsafe class OnnxProtoParser(string? modelDirectory, Limits? limits = null)
{
    private readonly Limits _limits = limits ?? Limits.Current;

    /// <summary>Whether <see cref="ParseModel"/> compares stored tensors' bytes to find tied ones (true by default);
    /// off where no output reports unique parameters (every command but a single-model profile), so weight bytes stay
    /// unread.</summary>
    public bool FindIdenticalTensors { get; init; } = true;

    // Graph nesting (If/Loop/Scan bodies, graph attributes inside them) drives recursion: bounded before the stack is.
    private int _depth;

    // Where each stored tensor's payload lies, for the identical-tensor check: recorded while parsing, read only for
    // candidates of the same type and shape (IdenticalTensorFinder).
    private readonly Dictionary<TensorDescriptor, PayloadRange> _payloads = new(ReferenceEqualityComparer.Instance);

    // Op types and domains repeat across nodes: one string each, not one per node (a 1,000,000-node graph held a
    // million copies of "Relu").
    private readonly Dictionary<string, string> _opNames = new(StringComparer.Ordinal);
    private byte* _base;
    private int _baseLength;

    public Model ParseModel(ReadOnlySpan<byte> bytes, string name)
    {
        fixed (byte* pointer = bytes)
        {
            _base = pointer;
            _baseLength = bytes.Length;
            try
            {
                var model = ParseModelCore(bytes, name);
                return new Model(model.Graph, model.Opsets, model.IrVersion, model.ProducerName, model.ProducerVersion, model.Functions, model.Name)
                {
                    IdenticalTensors = FindIdenticalTensors ? IdenticalTensorFinder.Find(model.Graph.Initializers.Values, _payloads, bytes, modelDirectory) : null,
                };
            }
            finally
            {
                _base = null;
                _baseLength = 0;
            }
        }
    }

    private Model ParseModelCore(ReadOnlySpan<byte> bytes, string name)
    {
        long irVersion = 0;
        string producer = string.Empty, producerVersion = string.Empty;
        var opsets = new Dictionary<string, long>();
        var functions = new List<LocalFunction>();
        Graph.Graph? graph = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.Varint: irVersion = reader.ReadInt64(); break;
                case 2 when wire == WireType.LengthDelimited: producer = reader.ReadString(); break;
                case 3 when wire == WireType.LengthDelimited: producerVersion = reader.ReadString(); break;
                case 7 when wire == WireType.LengthDelimited: graph = ParseGraph(reader.ReadBytes()); break;
                case 8 when wire == WireType.LengthDelimited:
                    var (domain, version) = ParseOpset(reader.ReadBytes());
                    opsets[Node.NormalizeDomain(domain)] = version;
                    break;
                case 25 when wire == WireType.LengthDelimited: functions.Add(ParseFunction(reader.ReadBytes())); break;
                default: reader.Skip(wire); break;
            }
        }

        if (graph is null || irVersion <= 0)
        {
            throw new InvalidModelException("Not an ONNX model: the file has no graph or no IR version.");
        }

        if (!opsets.ContainsKey(string.Empty))
        {
            opsets[string.Empty] = irVersion <= 3 ? 8 : 23;
        }

        return new Model(graph, opsets, irVersion, producer, producerVersion, functions, name);
    }

    private static (string Domain, long Version) ParseOpset(ReadOnlySpan<byte> bytes)
    {
        var domain = string.Empty;
        long version = 0;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: domain = reader.ReadString(); break;
                case 2 when wire == WireType.Varint: version = reader.ReadInt64(); break;
                default: reader.Skip(wire); break;
            }
        }

        return (domain, version);
    }

    private Graph.Graph ParseGraph(ReadOnlySpan<byte> bytes)
    {
        if (++_depth > _limits.Nesting + 1)
        {
            throw Limits.Exceeded("nesting", $"Invalid model: subgraphs nest deeper than {_limits.Nesting} levels");
        }

        try
        {
            return ParseGraphBody(bytes);
        }
        finally
        {
            _depth--;
        }
    }

    private Graph.Graph ParseGraphBody(ReadOnlySpan<byte> bytes)
    {
        var name = string.Empty;
        var nodes = new List<Node>();
        var inputs = new List<ValueInfo>();
        var outputs = new List<ValueInfo>();
        var valueInfos = new Dictionary<string, ValueInfo>();
        var initializers = new Dictionary<string, TensorDescriptor>();
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: nodes.Add(ParseNode(reader.ReadBytes())); break;
                case 2 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 5 when wire == WireType.LengthDelimited:
                    var tensor = ParseTensor(reader.ReadBytes());
                    initializers[tensor.Name] = tensor;
                    break;
                case 11 when wire == WireType.LengthDelimited: inputs.Add(ParseValueInfo(reader.ReadBytes())); break;
                case 12 when wire == WireType.LengthDelimited: outputs.Add(ParseValueInfo(reader.ReadBytes())); break;
                case 13 when wire == WireType.LengthDelimited:
                    var info = ParseValueInfo(reader.ReadBytes());
                    valueInfos[info.Name] = info;
                    break;
                case 15 when wire == WireType.LengthDelimited:
                    var sparse = ParseSparseTensor(reader.ReadBytes());
                    initializers[sparse.Name] = sparse;
                    break;
                default: reader.Skip(wire); break;
            }
        }

        SingleAssignment.Check(name, nodes, inputs, outputs, initializers);
        return new Graph.Graph(name, nodes, inputs, outputs, initializers, valueInfos);
    }

    private Node ParseNode(ReadOnlySpan<byte> bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = string.Empty, opType = string.Empty, domain = string.Empty;
        Dictionary<string, AttributeValue>? attributes = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: inputs.Add(reader.ReadString()); break;
                case 2 when wire == WireType.LengthDelimited: outputs.Add(reader.ReadString()); break;
                case 3 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 4 when wire == WireType.LengthDelimited: opType = Shared(reader.ReadString()); break;
                case 5 when wire == WireType.LengthDelimited:
                    var (attrName, value) = ParseAttribute(reader.ReadBytes());
                    (attributes ??= [])[attrName] = value;
                    break;
                case 7 when wire == WireType.LengthDelimited: domain = Shared(reader.ReadString()); break;
                default: reader.Skip(wire); break;
            }
        }

        if (opType.Length == 0)
        {
            throw new InvalidModelException($"Invalid graph: node '{name}' has no op type.");
        }

        // Exact-size arrays: most nodes have one or two inputs and one output, and a list's spare capacity is kept.
        return new Node(name, opType, domain, inputs.ToArray(), outputs.ToArray(), attributes);
    }

    private string Shared(string text)
    {
        if (_opNames.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (_opNames.Count < 4096)
        {
            _opNames[text] = text;
        }

        return text;
    }

    private (string Name, AttributeValue Value) ParseAttribute(ReadOnlySpan<byte> bytes)
    {
        var name = string.Empty;
        var kind = AttributeKind.Undefined;
        long i = 0;
        float f = 0;
        string? s = null;
        TensorDescriptor? t = null;
        Graph.Graph? g = null;
        var ints = new List<long>();
        var floats = new List<float>();
        var strings = new List<string>();
        var graphs = new List<Graph.Graph>();
        var seen = AttributeKind.Undefined;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 20 when wire == WireType.Varint: kind = (AttributeKind)reader.ReadInt32(); break;
                case 2 when wire == WireType.Fixed32: f = reader.ReadFloat(); seen = AttributeKind.Float; break;
                case 3 when wire == WireType.Varint: i = reader.ReadInt64(); seen = AttributeKind.Int; break;
                case 4 when wire == WireType.LengthDelimited: s = reader.ReadString(); seen = AttributeKind.String; break;
                case 5 when wire == WireType.LengthDelimited: t = ParseTensor(reader.ReadBytes()); seen = AttributeKind.Tensor; break;
                case 6 when wire == WireType.LengthDelimited: g = ParseGraph(reader.ReadBytes()); seen = AttributeKind.Graph; break;
                case 7: reader.ReadFloats(wire, floats); seen = AttributeKind.Floats; break;
                case 8: reader.ReadInt64s(wire, ints); seen = AttributeKind.Ints; break;
                case 9 when wire == WireType.LengthDelimited: strings.Add(reader.ReadString()); seen = AttributeKind.Strings; break;
                case 11 when wire == WireType.LengthDelimited: graphs.Add(ParseGraph(reader.ReadBytes())); seen = AttributeKind.Graphs; break;
                case 22 when wire == WireType.LengthDelimited: t = ParseSparseTensor(reader.ReadBytes()); seen = AttributeKind.SparseTensor; break;
                default: reader.Skip(wire); break;
            }
        }

        // IR 1-2 files carry no type field: the kind is the field that was set.
        if (kind == AttributeKind.Undefined)
        {
            kind = seen;
        }

        var value = new AttributeValue
        {
            Kind = kind,
            Int = i,
            Float = f,
            String = s,
            Tensor = t,
            Graph = g,
            Ints = kind == AttributeKind.Ints ? ints.ToArray() : null,
            Floats = kind == AttributeKind.Floats ? floats.ToArray() : null,
            Strings = kind == AttributeKind.Strings ? strings.ToArray() : null,
            Graphs = kind == AttributeKind.Graphs ? graphs.ToArray() : null,
        };
        return (name, value);
    }

    /// <summary>Parses one serialized TensorProto (e.g. a test-data <c>.pb</c> file) into a descriptor.</summary>
    public TensorDescriptor ParseTensor(ReadOnlySpan<byte> bytes)
    {
        var dims = new List<long>();
        var type = DataType.Undefined;
        var name = string.Empty;
        ReadOnlySpan<byte> raw = default;
        var hasRaw = false;
        var ints = new List<long>();
        var floats = new List<float>();
        var doubles = new List<double>();
        string? location = null;
        long externalOffset = 0, externalLength = -1;
        var external = false;
        PayloadRange? inline = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1: reader.ReadInt64s(wire, dims); break;
                case 2 when wire == WireType.Varint: type = (DataType)reader.ReadInt32(); break;
                case 8 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 9 when wire == WireType.LengthDelimited: raw = reader.ReadBytes(); hasRaw = true; inline = Inline(raw); break;
                case 13 when wire == WireType.LengthDelimited:
                    var (key, value) = ParseStringEntry(reader.ReadBytes());
                    if (key == "location")
                    {
                        location = value;
                    }
                    else if (key is "offset" or "length" && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    {
                        (externalOffset, externalLength) = key == "offset" ? (number, externalLength) : (externalOffset, number);
                    }

                    break;
                case 14 when wire == WireType.Varint: external = reader.ReadInt32() == 1; break;
                // Typed payloads: decoded only for tensors small enough to matter to shape inference (below).
                case 4 or 5 or 7 or 10 or 11 when ShouldDecodeTyped(dims, type):
                    if (field == 4)
                    {
                        reader.ReadFloats(wire, floats);
                    }
                    else if (field == 10)
                    {
                        reader.ReadDoubles(wire, doubles);
                    }
                    else
                    {
                        reader.ReadInt64s(wire, ints);
                    }

                    break;
                case 4 or 5 or 7 or 10 or 11 when wire == WireType.LengthDelimited: inline = Inline(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
        }

        var dimArray = dims.ToArray();
        CheckRank(dimArray.Length, $"tensor '{name}'");
        if (dimArray.Any(d => d < 0))
        {
            throw new InvalidModelException($"Invalid tensor '{name}': negative dimension in {string.Join("x", dimArray)}.");
        }

        long elements;
        try
        {
            elements = dimArray.Aggregate(1L, (a, d) => checked(a * d));
        }
        catch (OverflowException)
        {
            throw new InvalidModelException($"Invalid tensor '{name}': dimensions {string.Join("x", dimArray)} overflow 64-bit arithmetic.");
        }

        if (elements > _limits.Elements)
        {
            throw Limits.Exceeded("elements", $"Invalid tensor '{name}': {elements:N0} elements ({string.Join("x", dimArray)}) is more than {_limits.Elements:N0}");
        }

        if (external)
        {
            location = ExternalDataPath.Validate(location, name, modelDirectory);
        }

        TensorValue? values = null;
        if (!external && TensorValueDecoder.ShouldRead(type, elements))
        {
            values = hasRaw ? TensorValueDecoder.FromRaw(type, raw, elements) : TensorValueDecoder.FromTyped(type, ints, floats, doubles, elements);
        }

        var descriptor = new TensorDescriptor
        {
            Name = name,
            DataType = type,
            Dims = dimArray,
            Values = values,
            IsExternal = external,
            ExternalLocation = external ? location : null,
        };
        if (external ? location is not null && externalLength >= 0 : inline is not null)
        {
            _payloads[descriptor] = external ? new PayloadRange(location, externalOffset, externalLength) : inline!.Value;
        }

        return descriptor;
    }

    /// <summary>The range of <paramref name="payload"/> inside the model bytes being parsed, or null outside a model.</summary>
    private PayloadRange? Inline(ReadOnlySpan<byte> payload)
    {
        fixed (byte* start = payload)
        {
            return _base is not null && start >= _base && start + payload.Length <= _base + _baseLength
                ? new PayloadRange(null, start - _base, payload.Length)
                : null;
        }
    }

    // Field order in a TensorProto is not guaranteed; dims and data_type usually precede the payload, and when they
    // do not, a small typed payload is still decoded because unknown sizes are treated as small.
    private static bool ShouldDecodeTyped(List<long> dims, DataType type)
    {
        long elements = 1;
        foreach (var d in dims)
        {
            if (d < 0 || d > TensorValueDecoder.MaxIntegralElements)
            {
                return false;
            }

            elements *= d;
            if (elements > TensorValueDecoder.MaxIntegralElements)
            {
                return false;
            }
        }

        return type == DataType.Undefined || TensorValueDecoder.ShouldRead(type, elements);
    }

    private TensorDescriptor ParseSparseTensor(ReadOnlySpan<byte> bytes)
    {
        TensorDescriptor? values = null;
        var dims = new List<long>();
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: values = ParseTensor(reader.ReadBytes()); break;
                case 3: reader.ReadInt64s(wire, dims); break;
                default: reader.Skip(wire); break;
            }
        }

        return new TensorDescriptor
        {
            Name = values?.Name ?? string.Empty,
            DataType = values?.DataType ?? DataType.Undefined,
            Dims = dims.ToArray(),
            IsExternal = values?.IsExternal ?? false,
            ExternalLocation = values?.ExternalLocation,
        };
    }

    private static (string Key, string Value) ParseStringEntry(ReadOnlySpan<byte> bytes)
    {
        string key = string.Empty, value = string.Empty;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: key = reader.ReadString(); break;
                case 2 when wire == WireType.LengthDelimited: value = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }

        return (key, value);
    }

    private ValueInfo ParseValueInfo(ReadOnlySpan<byte> bytes)
    {
        var name = string.Empty;
        var type = DataType.Undefined;
        TensorShape? shape = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 2 when wire == WireType.LengthDelimited: (type, shape) = ParseType(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
        }

        return new ValueInfo(name, type, shape);
    }

    private (DataType Type, TensorShape? Shape) ParseType(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            // tensor_type (1) and sparse_tensor_type (8) share the layout elem_type = 1, shape = 2.
            if (field is 1 or 8 && wire == WireType.LengthDelimited)
            {
                return ParseTensorType(reader.ReadBytes());
            }

            reader.Skip(wire);
        }

        return (DataType.Undefined, null);
    }

    private (DataType Type, TensorShape? Shape) ParseTensorType(ReadOnlySpan<byte> bytes)
    {
        var type = DataType.Undefined;
        TensorShape? shape = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.Varint: type = (DataType)reader.ReadInt32(); break;
                case 2 when wire == WireType.LengthDelimited: shape = ParseShape(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
        }

        return (type, shape);
    }

    private TensorShape ParseShape(ReadOnlySpan<byte> bytes)
    {
        var dims = new List<Dim>();
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                CheckRank(dims.Count + 1, "a value's declared shape");
                dims.Add(ParseDimension(reader.ReadBytes(), dims.Count));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return new TensorShape(dims);
    }

    private void CheckRank(int rank, string what)
    {
        if (rank > _limits.Rank)
        {
            throw Limits.Exceeded("rank", $"Invalid model: {what} has rank {rank}, more than {_limits.Rank}");
        }
    }

    private static Dim ParseDimension(ReadOnlySpan<byte> bytes, int index)
    {
        var reader = new ProtoReader(bytes);
        Dim? dim = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.Varint:
                    var v = reader.ReadInt64();
                    // Negative is not a size; kept as unknown (exporters write -1 for dynamic axes) and reported as
                    // negative wherever a size is needed.
                    dim = v >= 0 ? Dim.Of(v) : Dim.Negative(v);
                    break;
                case 2 when wire == WireType.LengthDelimited:
                    var p = reader.ReadString();
                    dim = Dim.Named(p.Length > 0 ? p : $"dim{index}");
                    break;
                default: reader.Skip(wire); break;
            }
        }

        // A dimension with neither value nor name is an anonymous symbol.
        return dim ?? Dim.Named($"unnamed_dim{index}");
    }

    private LocalFunction ParseFunction(ReadOnlySpan<byte> bytes)
    {
        string name = string.Empty, domain = string.Empty;
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<string>();
        var nodes = new List<Node>();
        var opsets = new Dictionary<string, long>();
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == WireType.LengthDelimited: name = reader.ReadString(); break;
                case 4 when wire == WireType.LengthDelimited: inputs.Add(reader.ReadString()); break;
                case 5 when wire == WireType.LengthDelimited: outputs.Add(reader.ReadString()); break;
                case 6 when wire == WireType.LengthDelimited: attributes.Add(reader.ReadString()); break;
                case 7 when wire == WireType.LengthDelimited: nodes.Add(ParseNode(reader.ReadBytes())); break;
                case 9 when wire == WireType.LengthDelimited:
                    var (d, v) = ParseOpset(reader.ReadBytes());
                    opsets[Node.NormalizeDomain(d)] = v;
                    break;
                case 10 when wire == WireType.LengthDelimited: domain = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }

        return new LocalFunction(domain, name, inputs, outputs, attributes, nodes, opsets);
    }
}
