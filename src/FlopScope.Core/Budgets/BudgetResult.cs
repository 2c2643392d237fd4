namespace FlopScope.Budgets;

/// <summary>One budget's verdict.</summary>
/// <param name="Name">What was checked: "GFLOPs", "parameters", "memory", "latency", "FPS".</param>
/// <param name="Limit">The limit, formatted with its unit.</param>
/// <param name="Actual">The model's figure, formatted with its unit.</param>
/// <param name="Passed">True when within the limit.</param>
/// <param name="Margin">Actual / limit (for minimums: limit / actual): above 1 means broken by that factor.</param>
public sealed record BudgetResult(string Name, string Limit, string Actual, bool Passed, double Margin);
