namespace FlopScope.Llm.Quantization;

/// <summary>
/// Stored weights in bytes, split by how a forward pass reads them: lookup tables (a row per token), routed experts
/// (only the experts the step's tokens are routed to) and the rest (read in full every pass, the output projection
/// included, so a tied embedding is read in full as the output projection).
/// </summary>
public sealed record WeightFootprint
{
    /// <summary>Stored parameters.</summary>
    public required long Parameters { get; init; }

    /// <summary>All stored weight bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Untied token and position embedding tables.</summary>
    public required long LookupBytes { get; init; }

    /// <summary>Routed experts of every MoE layer.</summary>
    public required long RoutedExpertBytes { get; init; }

    /// <summary>Bytes read in full by every forward pass.</summary>
    public long DenseBytes => Bytes - LookupBytes - RoutedExpertBytes;

    /// <summary>Bytes per format (<c>q4_k</c>, <c>q6_k</c>, <c>f32</c>).</summary>
    public required IReadOnlyDictionary<string, long> BytesByFormat { get; init; }

    /// <summary>The format holding most bytes: decides the compute precision.</summary>
    public string DominantFormat => BytesByFormat.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault() ?? "f16";

    /// <summary>Where the figures come from: a quantisation rule applied to the architecture, or a file's tensor table.</summary>
    public required string Source { get; init; }

    /// <summary>Adds up <paramref name="tensors"/>, each stored in its paired format.</summary>
    public static WeightFootprint From(IEnumerable<(LlmTensor Tensor, StorageFormat Format)> tensors, bool tiedEmbeddings, string source)
    {
        long parameters = 0, bytes = 0, lookup = 0, experts = 0;
        var byFormat = new Dictionary<string, long>();
        foreach (var (t, f) in tensors)
        {
            var b = f.Bytes(t.Elements);
            parameters = checked(parameters + t.Elements);
            bytes = checked(bytes + b);
            byFormat[f.Name] = checked(byFormat.GetValueOrDefault(f.Name) + b);
            if (t.Role == TensorRole.PositionEmbedding || (t.Role == TensorRole.TokenEmbedding && !tiedEmbeddings))
            {
                lookup = checked(lookup + b);
            }
            else if (t.IsRoutedExpert)
            {
                experts = checked(experts + b);
            }
        }

        return new WeightFootprint { Parameters = parameters, Bytes = bytes, LookupBytes = lookup, RoutedExpertBytes = experts, BytesByFormat = byFormat, Source = source };
    }
}
