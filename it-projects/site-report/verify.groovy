// site-report: `mvn verify site` lists db-guard under Project Reports, and its page shows the tables and rules.
import groovy.json.JsonSlurper

File site = new File(basedir, 'target/site')
File page = new File(site, 'db-guard.html')
assert page.isFile() : "no site page at ${page}"
File projectReports = new File(site, 'project-reports.html')
assert projectReports.isFile() : "no ${projectReports}"
assert projectReports.text.contains('href="db-guard.html"') : 'project-reports.html does not link db-guard.html'

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)
def rules = report.findings.findAll { !it.suppressed }*.rule as Set
// the unsafe table's gaps, judged from the catalogue
['tenant-column-nullable', 'tenant-column-unreferenced', 'tenant-column-unindexed', 'rls-disabled'].each {
    assert it in rules : "expected a ${it} finding, got ${rules}"
}

String html = page.text
['public.vehicles', 'public.service_notes', 'public.tenants'].each {
    assert html.contains(it) : "the site page does not name ${it}"
}
rules.each {
    assert html.contains(it) : "the site page does not name rule ${it}"
    assert html.contains("docs/rules/${it}.md") : "the site page does not link the page of ${it}"
}
['Schema health', 'Findings', 'Migrations as applied', 'V3__service_notes.sql'].each {
    assert html.contains(it) : "the site page lacks '${it}'"
}

// the standalone page beside the JSON, with the same content
File standalone = new File(basedir, 'target/db-guard/db-guard.html')
assert standalone.isFile() : "no standalone page at ${standalone}"
['public.service_notes', 'rls-disabled', 'Schema health'].each { assert standalone.text.contains(it) }

// build 1 started one PostgreSQL: the site's report reused what check stored; build 2 changed a setting, so its
// report found the stored analysis stale and ran its own (build.log holds both builds, one after the other)
String log = new File(basedir, 'build.log').text
int second = log.indexOf('Scanning for projects', log.indexOf('BUILD SUCCESS'))
assert second > 0 : 'build.log does not hold two builds'
String build1 = log.substring(0, second)
String build2 = log.substring(second)
assert build1.count('starting embedded PostgreSQL') == 1 : 'build 1: the report goal started a second PostgreSQL'
assert build1.contains('reporting that analysis')
assert build2.count('starting embedded PostgreSQL') == 1 : 'build 2: the stale analysis was not redone'
assert !build2.contains('reporting that analysis') : 'build 2 reused an analysis of other settings'
assert log =~ /db-guard: \d+ errors?, \d+ warnings?(, \d+ info)? in 3 migrations \(/ : 'build.log lacks the summary line'
assert build1.contains('BUILD SUCCESS') && build2.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
