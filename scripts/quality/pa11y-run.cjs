// pa11y (HTML_CodeSniffer, WCAG 2 AA) over many URLs in one browser: Debian's chromium,
// never a downloaded one. Called by scripts/quality/pa11y.py, which owns the settings:
//
//   node scripts/quality/pa11y-run.cjs < {"executablePath", "args", "standard", "tabs",
//                                         "viewports": {name: viewport}, "urls": [...]}
//
// Prints {"<viewport name>": {"<url>": [issue, ...]}} as JSON on stdout. `tabs` pages are
// tested at a time: pa11y waits for the network to be idle after each load (half a
// second at least), time other tabs use.
'use strict';

const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function readStdin() {
	const chunks = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main() {
	const config = await readStdin();
	const browser = await puppeteer.launch({
		executablePath: config.executablePath,
		args: config.args,
		headless: true
	});
	const results = {};
	try {
		for (const [name, viewport] of Object.entries(config.viewports)) {
			const found = {};
			const queue = [...config.urls];
			const tab = async () => {
				const page = await browser.newPage();
				try {
					for (let url = queue.shift(); url; url = queue.shift()) {
						const result = await pa11y(url, {
							browser,
							page,
							viewport,
							standard: config.standard,
							runners: ['htmlcs'],
							timeout: 60000
						});
						found[url] = result.issues;
					}
				} finally {
					await page.close();
				}
			};
			await Promise.all(Array.from({length: config.tabs || 1}, tab));
			results[name] = Object.fromEntries(config.urls.map(url => [url, found[url]]));
		}
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(results));
}

main().catch(error => {
	process.stderr.write(`pa11y-run: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
