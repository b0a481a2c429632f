/** `npm run check:publishing`: every decidable publishing rule against the app, per rule, then each failure. */
import App from '../index.js';
import { publishingReport, summaryOf } from './check.js';

const report = publishingReport(App);
console.log('| rule | failing | excepted | what it checks |\n| --- | ---: | ---: | --- |');
for (const row of summaryOf(report)) console.log(`| ${row.code} | ${row.failing} | ${row.excepted} | ${row.title} |`);
for (const f of report.failures) console.log(`FAIL ${f.code} ${f.where}: ${f.message}`);
console.log(`${report.failures.length} failing, ${[...report.excepted.values()].reduce((n, c) => n + c.length, 0)} excepted (argued in docs/publishing.md).`);
process.exitCode = report.failures.length ? 1 : 0;
