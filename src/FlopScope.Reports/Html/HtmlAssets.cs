namespace FlopScope.Reports.Html;

/// <summary>The inline stylesheet and script of the HTML report (no external resources).</summary>
internal static class HtmlAssets
{
    /// <summary>Stylesheet.</summary>
    public const string Css = """

        :root { --fg: #1a202c; --muted: #4a5568; --line: #e2e8f0; --accent: #2b6cb0; --bg: #f7fafc; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; }
        main { max-width: 1360px; margin: 0 auto; padding: 20px 24px 40px; }
        header h1 { margin: 0; font-size: 26px; }
        .sub { margin: 2px 0 0; color: var(--muted); }
        h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 0 0 6px; }
        code { font-size: 12px; background: #edf2f7; padding: 1px 4px; border-radius: 3px; }
        .headline { font-weight: 600; margin: 0 0 12px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(168px, 1fr)); gap: 10px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        .card .value { font-size: 18px; font-weight: 650; color: var(--accent); margin: 2px 0; white-space: nowrap; }
        .card .detail { color: var(--muted); font-size: 12px; }
        table.kv { margin-top: 12px; border-collapse: collapse; }
        table.kv th { text-align: left; color: var(--muted); font-weight: 500; padding: 2px 14px 2px 0; vertical-align: top; }
        table.kv td { padding: 2px 0; }
        .ok { color: #276749; } .warn { color: #9c4221; font-weight: 600; }
        .note { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 14px; }
        .chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
        .chart figure { margin: 0; }
        .chart svg { display: block; width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; }
        .scroll { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        table.data { border-collapse: collapse; width: 100%; font-size: 12.5px; }
        table.data th, table.data td { padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
        table.data th { position: sticky; top: 0; background: #edf2f7; text-align: left; cursor: pointer; user-select: none; }
        table.data th.num, table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data th[aria-sort="ascending"]::after { content: " \25B2"; font-size: 9px; }
        table.data th[aria-sort="descending"]::after { content: " \25BC"; font-size: 9px; }
        table.data tbody tr:nth-child(even) { background: #f9fbfd; }
        table.data tbody tr:hover { background: #ebf4ff; }
        table.data tr.missing td { color: #9c4221; }
        #issue-table { border-collapse: collapse; background: #fff; }
        #issue-table td, #issue-table th { border: 1px solid var(--line); padding: 4px 8px; text-align: left; }
        #layer-filter { margin: 0 10px 8px 0; padding: 6px 10px; width: 320px; border: 1px solid #cbd5e0; border-radius: 6px; font: inherit; }
        footer { margin-top: 28px; color: var(--muted); font-size: 12px; }

        """;

    /// <summary>Sorting by header click and filtering of the layer table.</summary>
    public const string Script = """

        (function () {
          document.querySelectorAll('table.sortable').forEach(function (table) {
            var heads = table.tHead.rows[0].cells;
            Array.prototype.forEach.call(heads, function (th, col) {
              th.addEventListener('click', function () {
                var numeric = th.dataset.type === 'number';
                var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
                if (!numeric && !th.hasAttribute('aria-sort')) dir = 1;
                Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
                  if (numeric) { x = parseFloat(x); y = parseFloat(y); if (isNaN(x)) x = -Infinity; if (isNaN(y)) y = -Infinity; return dir * (x - y); }
                  return dir * x.localeCompare(y);
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
          var filter = document.getElementById('layer-filter');
          var table = document.getElementById('layer-table');
          var count = document.getElementById('layer-count');
          function apply() {
            var q = filter.value.trim().toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
            Array.prototype.forEach.call(rows, function (r) {
              var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
              r.style.display = hit ? '' : 'none';
              if (hit) shown++;
            });
            count.textContent = shown + ' of ' + rows.length + ' layers';
          }
          if (filter && table) { filter.addEventListener('input', apply); apply(); }
        })();

        """;
}
