namespace FlopScope.Kernels;

/// <summary>Matches a runtime's fusion rules and patterns at one node (the algorithm of <see cref="KernelDetector"/>).</summary>
internal sealed class FusionMatcher(GraphView view, RuntimeProfile runtime)
{
    private readonly Dictionary<string, FusionPattern> _patterns = runtime.Patterns.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>The first rule that starts at node <paramref name="start"/> and covers more than that one node.</summary>
    public (List<int> Nodes, string Rule, KernelClass Class)? Match(int start, bool[] assigned)
    {
        if (view.HasSymbolicParameters(start))
        {
            return null;
        }

        foreach (var rule in runtime.Rules)
        {
            if (rule.StaticShapeAboveRank is { } rank && view.ComputedInputs(start).FirstOrDefault() is { } data
                && view.HasSymbolicShape(data) && view.Tensor(data) is { } tensor && tensor.Dims.Count > rank)
            {
                continue;
            }

            foreach (var anchor in rule.Anchor)
            {
                List<int>? nodes;
                KernelClass kernelClass;
                if (anchor.StartsWith('@'))
                {
                    if (!_patterns.TryGetValue(anchor[1..], out var pattern) || (nodes = MatchPattern(pattern, start, assigned, [])) is null)
                    {
                        continue;
                    }

                    kernelClass = pattern.Class;
                }
                else if (view.Op(start) == anchor
                    && (rule.AnchorOperand == StepOperand.Any || (view.ComputedInputs(start).FirstOrDefault() is { } input && OperandsAre(start, input, rule.AnchorOperand))))
                {
                    nodes = [start];
                    kernelClass = KernelDetector.ClassOf(view, start);
                }
                else
                {
                    continue;
                }

                Epilogue(rule, nodes, assigned);
                if (nodes.Count > 1)
                {
                    return (nodes, rule.Id, kernelClass);
                }
            }
        }

        return null;
    }

    /// <summary>Absorbs the rule's epilogue steps after the group's last node; <paramref name="nodes"/> grows in place.</summary>
    private void Epilogue(FusionRule rule, List<int> nodes, bool[] assigned)
    {
        var step = 0;
        while (step < rule.Steps.Count)
        {
            var outputs = view.Outputs(nodes[^1]).ToArray();
            if (outputs.Length != 1 || view.IsGraphOutput(outputs[0]))
            {
                return;
            }

            var current = outputs[0];
            var consumers = view.Consumers(current);
            if (consumers.Count == 0 || consumers.Any(c => assigned[c] || nodes.Contains(c)))
            {
                return;
            }

            List<int>? absorbed = null;
            var at = step;
            for (; at < rule.Steps.Count && absorbed is null; at++)
            {
                absorbed = rule.Steps[at].Ops.Select(op => Absorb(rule, op, rule.Steps[at].Operand, current, consumers, nodes, assigned)).FirstOrDefault(m => m is not null);
            }

            if (absorbed is null)
            {
                return;
            }

            nodes.AddRange(absorbed);
            step = rule.Steps[at - 1].Repeat ? at - 1 : at;
        }
    }

    private List<int>? Absorb(FusionRule rule, string op, StepOperand operand, string current, IReadOnlyList<int> consumers, List<int> nodes, bool[] assigned)
    {
        if (op.StartsWith('@'))
        {
            if (!_patterns.TryGetValue(op[1..], out var pattern))
            {
                return null;
            }

            var first = consumers.FirstOrDefault(c => view.Op(c) == pattern.Ops[0]);
            var match = consumers.Any(c => view.Op(c) == pattern.Ops[0]) ? MatchPattern(pattern, first, assigned, nodes) : null;
            return match is not null && consumers.All(match.Contains) ? match : null;
        }

        if (consumers.Count != 1 || view.Op(consumers[0]) != op)
        {
            return null;
        }

        var c = consumers[0];
        if (view.HasSymbolicParameters(c))
        {
            return null;
        }

        return OperandsAre(c, current, operand) && !ClaimedByFirstOperand(rule, c, current, assigned) ? [c] : null;
    }

    /// <summary>True when node <paramref name="node"/>'s operands other than <paramref name="current"/> are of kind
    /// <paramref name="operand"/>.</summary>
    private bool OperandsAre(int node, string current, StepOperand operand)
    {
        var others = view.Layers[node].Node?.Inputs.Where(x => x.Length > 0 && view.Resolve(x) != current).ToArray() ?? [];
        return operand switch
        {
            StepOperand.Constant => others.All(x => view.Tensor(x) is { Constant: true }),
            StepOperand.Activation => others.Any(x => view.Tensor(x) is not { Constant: true }),
            _ => true,
        };
    }

    /// <summary>A residual Add whose first operand is also the sole output of an unfused anchor of the same rule
    /// belongs to that anchor (ONNX Runtime fuses the sum into the producer of the Add's first input).</summary>
    private bool ClaimedByFirstOperand(FusionRule rule, int add, string current, bool[] assigned)
    {
        var inputs = view.Layers[add].Node?.Inputs ?? [];
        if (inputs.Count < 2 || view.Resolve(inputs[0]) == current)
        {
            return false;
        }

        var first = view.Producer(inputs[0]);
        return first >= 0 && !assigned[first] && rule.Anchor.Contains(view.Op(first)) && view.Consumers(inputs[0]).Count == 1;
    }

    /// <summary>Nodes of <paramref name="pattern"/> starting at <paramref name="start"/>, in pattern order, or null.</summary>
    private List<int>? MatchPattern(FusionPattern pattern, int start, bool[] assigned, List<int> taken)
    {
        if (view.Op(start) != pattern.Ops[0] || assigned[start] || taken.Contains(start))
        {
            return null;
        }

        var matched = new List<int> { start };
        var produced = view.Outputs(start).Select(view.Resolve).ToHashSet(StringComparer.Ordinal);
        var entries = view.ComputedInputs(start).ToHashSet(StringComparer.Ordinal);
        for (var k = 1; k < pattern.Ops.Count; k++)
        {
            var extraAllowed = pattern.ExtraInputs.Contains(k) ? 1 : 0;
            var next = produced.Concat(entries).SelectMany(view.Consumers).Distinct().Order()
                .Where(c => !matched.Contains(c) && !assigned[c] && !taken.Contains(c) && view.Op(c) == pattern.Ops[k])
                .Where(c => view.ComputedInputs(c).Any(produced.Contains))
                .FirstOrDefault(c => view.ComputedInputs(c).Count(x => !produced.Contains(x) && !entries.Contains(x)) <= extraAllowed, -1);
            if (next < 0)
            {
                return null;
            }

            matched.Add(next);
            produced.UnionWith(view.Outputs(next).Select(view.Resolve));
        }

        // Tensors passed inside the pattern must not be read outside it.
        foreach (var node in matched.Take(matched.Count - 1))
        {
            foreach (var output in view.Outputs(node))
            {
                if (view.IsGraphOutput(output) || view.Consumers(output).Any(c => !matched.Contains(c)))
                {
                    return null;
                }
            }
        }

        return matched;
    }
}
