// The report page's own stylesheet (the diff stylesheet comes from diff2html).
export const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; } th, td { padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #eaeef2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #59636e; } code, pre { font: 12px/1.4 ui-monospace, monospace; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
.s-ok { color: #1a7f37; } .s-changed { color: #9a6700; } .s-failed, .s-unreachable { color: #cf222e; font-weight: 600; }
.s-skipped { color: #0969da; } .s-rescued, .s-ignored { color: #8250df; }
.tl-row { display: flex; align-items: center; margin: .15rem 0; } .tl-host { width: 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tl-track { position: relative; flex: 1; height: 1.1rem; background: #f6f8fa; }
.tl-bar { position: absolute; top: 0; bottom: 0; min-width: 2px; opacity: .85; }
.b-ok { background: #2da44e; } .b-changed { background: #d4a72c; } .b-failed, .b-unreachable { background: #cf222e; }
.b-skipped { background: #54aeff; } .b-rescued, .b-ignored { background: #8250df; }
.failure { border-left: 4px solid #cf222e; padding-left: .8rem; margin: 1rem 0; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #eaeef2; }
`;
