namespace Pricer.Cli.Agents;

/// <summary>
/// The app's one page, after the course's Gradio layout: title, the opportunities table (select a row to re-send its
/// alert), the agents' log on dark grey, then the 3D map of the vector store (its own page in a frame). Data goes in through <c>textContent</c> only, never as HTML.
/// </summary>
internal static class DealsPage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>The Price is Right</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 24px; background: #fafafa; color: #222; }
          h1 { text-align: center; margin-bottom: 0; }
          .subtitle { text-align: center; color: #555; margin-top: 4px; }
          table { width: 100%; border-collapse: collapse; margin: 16px 0; background: white; }
          th, td { border: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; font-size: 14px; }
          th { background: #eee; }
          tbody tr { cursor: pointer; }
          tbody tr:hover { background: #eef6ff; }
          td.money { text-align: right; white-space: nowrap; }
          #log { height: 400px; overflow-y: auto; border: 1px solid #ccc; background-color: #222229; padding: 10px;
                 font-family: monospace; font-size: 13px; white-space: pre-wrap; }
          .green { color: #6c6; } .cyan { color: #4dd; } .white { color: #eee; } .blue { color: #8af; }
          .red, .warning { color: #f96; } .yellow { color: #ee6; } .magenta { color: #e7e; }
          #status, #alert { margin-left: 12px; color: #555; }
          #map { width: 100%; height: 480px; border: 1px solid #ccc; margin-top: 16px; background: white; }
        </style>
        </head>
        <body>
        <h1>The Price is Right - Deal Hunting Agentic AI</h1>
        <p class="subtitle">Autonomous agent framework that finds online deals, collaborating with a proprietary fine-tuned LLM deployed on Modal, and a RAG pipeline with a frontier model and Chroma.</p>
        <p class="subtitle">This .NET port prices with any pricer of the workbook. Select a row to re-send its alert.</p>
        <div><button id="run">Run the planner now</button><span id="status"></span><span id="alert"></span></div>
        <table id="opportunities">
          <thead><tr><th>Deals found so far</th><th>Price</th><th>Estimate</th><th>Discount</th><th>URL</th></tr></thead>
          <tbody></tbody>
        </table>
        <div id="log"></div>
        <iframe id="map" src="/map" title="The vector store by category"></iframe>
        <script>
          let next = 0;
          const money = v => '$' + v.toFixed(2);
          function cell(row, text, money) {
            const td = row.insertCell();
            td.textContent = text;
            if (money) td.className = 'money';
          }
          async function refreshTable() {
            const data = await (await fetch('/api/opportunities')).json();
            const body = document.querySelector('#opportunities tbody');
            body.replaceChildren();
            data.opportunities.forEach((o, i) => {
              const row = body.insertRow();
              row.dataset.index = i;
              cell(row, o.description); cell(row, money(o.price), true); cell(row, money(o.estimate), true);
              cell(row, money(o.discount), true); cell(row, o.url);
              row.addEventListener('click', () => resend(i));
            });
            document.getElementById('status').textContent = data.running ? 'A run is going…' : '';
          }
          async function refreshLog() {
            const data = await (await fetch('/api/log?since=' + next)).json();
            next = data.next;
            const log = document.getElementById('log');
            for (const line of data.lines) {
              const div = document.createElement('div');
              div.className = line.warning ? 'warning' : line.colour;
              div.textContent = '[' + line.time + '] [' + line.agent + '] ' + line.message;
              log.appendChild(div);
            }
            if (data.lines.length) log.scrollTop = log.scrollHeight;
          }
          async function resend(index) {
            const answer = await (await fetch('/api/alert/' + index, { method: 'POST' })).json();
            document.getElementById('alert').textContent = 'Alert ' + index + ': ' + (answer.outcome || answer.error);
          }
          document.getElementById('run').addEventListener('click', () => fetch('/api/run', { method: 'POST' }));
          async function tick() {
            try { await refreshLog(); await refreshTable(); } catch (e) { document.getElementById('status').textContent = 'Server unreachable'; }
          }
          tick();
          setInterval(tick, 1000);
        </script>
        </body>
        </html>
        """;
}
