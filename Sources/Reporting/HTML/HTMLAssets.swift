/// The report's inline stylesheet (screen and print) and script (table sort/filter, render marker).
enum HTMLAssets {
    static let css = """
    :root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#2563eb;--bad:#b91c1c;--warn:#b45309;--bg:#fff;--panel:#f9fafb}
    *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
    header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}header{padding-top:16px}h1{margin:0 0 4px;font-size:24px}
    h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}h3{font-size:15px;margin:18px 0 8px}h4{font-size:14px;margin:14px 0 6px}
    .muted{color:var(--muted)}code{font-size:12px}a{color:var(--accent)}
    .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:140px}
    .cv{font-size:22px;font-weight:600}.ck{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
    .two{display:grid;grid-template-columns:1fr 1fr;gap:20px}@media (max-width:900px){.two{grid-template-columns:1fr}}
    table{border-collapse:collapse}table.data{width:100%;margin:6px 0}table.data th,table.data td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
    table.data thead th{background:var(--panel);font-weight:600;white-space:nowrap}.num{text-align:right!important;font-variant-numeric:tabular-nums}
    table.sortable thead th{cursor:pointer;user-select:none}table.sortable thead th[aria-sort=ascending]::after{content:" ▲"}table.sortable thead th[aria-sort=descending]::after{content:" ▼"}
    td.cid{font-family:ui-monospace,monospace;font-size:12px;max-width:260px;overflow-wrap:anywhere}
    td.bad{color:var(--bad);font-weight:600}td.warn{color:var(--warn);font-weight:600}tr.best td{background:#ecfdf5}
    table.facts th{text-align:left;color:var(--muted);font-weight:normal;padding:2px 12px 2px 0;white-space:nowrap;vertical-align:top}table.facts td{overflow-wrap:anywhere}
    table.bars{width:100%}table.bars td{padding:2px 6px}.barcell{width:50%}.bar{display:inline-block;height:12px;border-radius:2px;min-width:1px}
    .filters{display:flex;gap:8px;align-items:center;margin-bottom:6px}.filters input{flex:1;max-width:420px;padding:5px 8px;border:1px solid var(--line);border-radius:6px}
    .state{font-size:12px;padding:1px 6px;border-radius:10px;background:#e5e7eb;white-space:nowrap}.s-completed{background:#dcfce7}.s-failed{background:#fee2e2}.s-cancelled,.s-no_answer{background:#fef3c7}
    .badge{font-size:12px;background:#eef2ff;border-radius:8px;padding:0 6px}.flag{font-size:12px;background:#fee2e2;color:var(--bad);border-radius:8px;padding:0 6px}
    .verdict{background:#fffbeb;border-left:4px solid #f59e0b;padding:6px 12px;margin:8px 0}.verdict ul{margin:4px 0;padding-left:20px}
    .call{border-top:1px solid var(--line)}.stream{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:4px 14px 10px;margin:12px 0}
    .scroll{overflow-x:auto}svg.ladder{font:12px system-ui,sans-serif;max-width:none}svg .host{font-weight:600}svg .role{fill:var(--muted)}svg .life{stroke:#9ca3af;stroke-dasharray:4 3}
    svg .msg{stroke-width:1.4}svg .req{stroke:#1d4ed8}svg .resp{stroke:#047857}svg .retx{stroke:#dc2626;stroke-dasharray:6 4}svg .label{fill:#111827}svg .retx-label{fill:#dc2626}svg .sdp{fill:#6b7280;font-size:10px}svg .time{fill:var(--muted);font-family:ui-monospace,monospace;font-size:11px}
    .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:8px;margin:8px 0}svg.chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:6px;font:10px system-ui,sans-serif}
    svg .ct{font-size:11px;font-weight:600}svg .cu{font-weight:normal;fill:var(--muted)}svg .ax{fill:var(--muted)}svg .grid{stroke:#eef0f3}
    .mos .big{font-size:28px;font-weight:700}.assume{color:var(--muted);font-size:12px;padding-left:18px}.dtmf{font:20px ui-monospace,monospace;letter-spacing:.2em}
    ol.worst{padding-left:20px}ol.worst li{margin-bottom:6px}footer{margin:30px auto 20px}
    @media print{body{font-size:11px}.no-print,.filters{display:none!important}header,main,footer{max-width:none;padding:0}
    .call{break-before:page}.stream,table,svg{break-inside:avoid}.stream{background:none}a{color:inherit;text-decoration:none}
    .two{grid-template-columns:1fr 1fr}.charts{grid-template-columns:1fr 1fr}}
    """

    static let script = """
    (function(){
    "use strict";
    window.addEventListener("error",function(e){document.body.setAttribute("data-render","error");document.body.setAttribute("data-error",String(e.message));});
    var table=document.getElementById("call-table");
    if(table){
    var body=table.tBodies[0],heads=table.tHead.rows[0].cells,filter=document.getElementById("filter"),stateFilter=document.getElementById("state-filter"),shown=document.getElementById("shown");
    var sortBy=function(col,type,dir){var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=a.cells[col].getAttribute("data-v")||"",y=b.cells[col].getAttribute("data-v")||"";
    if(type==="num"){if(x===""&&y==="")return 0;if(x==="")return 1;if(y==="")return -1;return (parseFloat(x)-parseFloat(y))*dir;}
    return x.localeCompare(y)*dir;});rows.forEach(function(r){body.appendChild(r);});};
    Array.prototype.forEach.call(heads,function(th,col){var go=function(){var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
    Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});th.setAttribute("aria-sort",dir===1?"ascending":"descending");
    sortBy(col,th.getAttribute("data-type"),dir);};th.addEventListener("click",go);th.addEventListener("keydown",function(e){if(e.key==="Enter")go();});});
    var apply=function(){var q=(filter.value||"").toLowerCase(),s=stateFilter.value,n=0;
    Array.prototype.forEach.call(body.rows,function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!s||r.getAttribute("data-state")===s);
    r.style.display=ok?"":"none";if(ok)n++;});shown.textContent=n+" of "+body.rows.length+" calls";};
    filter.addEventListener("input",apply);stateFilter.addEventListener("change",apply);apply();}
    if(document.body.getAttribute("data-render")!=="error")document.body.setAttribute("data-render","ok");
    })();
    """
}
