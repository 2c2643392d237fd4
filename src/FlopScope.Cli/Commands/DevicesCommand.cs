using System.Globalization;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope devices</c>: the device catalogue with every figure's unit.</summary>
public sealed class DevicesCommand(Consoles consoles) : Command<DevicesSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DevicesSettings settings, CancellationToken cancellationToken)
    {
        var catalog = settings.Catalog();
        switch (settings.Format.ToLowerInvariant())
        {
            case "json":
                consoles.Out.Profile.Out.Writer.WriteLine("{\"schema\": \"flopscope.devices/1\", \"devices\": [");
                consoles.Out.Profile.Out.Writer.WriteLine(string.Join(",\n", catalog.Devices.Select(DeviceCatalog.Serialize)));
                consoles.Out.Profile.Out.Writer.WriteLine("]}");
                return ExitCodes.Success;
            case "console":
                break;
            default:
                throw new FlopScopeException($"Unknown format '{settings.Format}'; use console or json.");
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Devices (dense peaks; estimates use them with efficiency factors)")
            .AddColumn("Id").AddColumn("Name").AddColumn("Kind")
            .AddColumn(new TableColumn("FP32 TFLOP/s").RightAligned()).AddColumn(new TableColumn("FP16 TFLOP/s").RightAligned())
            .AddColumn(new TableColumn("INT8 TOPS").RightAligned()).AddColumn(new TableColumn("GB/s").RightAligned())
            .AddColumn(new TableColumn("Memory GB").RightAligned()).AddColumn(new TableColumn("Power W").RightAligned());
        foreach (var d in catalog.Devices)
        {
            table.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Name), d.Kind, Peak(d, "fp32"), Peak(d, "fp16", "bf16"), Peak(d, "int8"),
                Number(d.MemoryBandwidthGBs), d.MemoryGB is { } m ? Number(m) : "-", d.PowerW is { } w ? Number(w) : "-");
        }

        consoles.Out.Write(table);
        consoles.Out.MarkupLine("[grey]Sources of every figure: flopscope devices --format json (the 'sources' of each device).[/]");
        return ExitCodes.Success;
    }

    private static string Peak(DeviceProfile d, params string[] keys) =>
        keys.Select(k => d.PeakTflops.TryGetValue(k, out var v) ? v : (double?)null).FirstOrDefault(v => v is not null) is { } t ? Number(t) : "-";

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
