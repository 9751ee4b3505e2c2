// isolation-probe: every static rule accepts the schema, but the isolation probe proves that a session without
// a tenant sees every tenant's rows; the build fails with isolation-fail-open.
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)

def failOpen = report.findings.findAll { it.rule == 'isolation-fail-open' }
assert failOpen*.table == ['public.projects'] : "expected one isolation-fail-open on public.projects: ${report.findings}"
def f = failOpen[0]
assert f.severity == 'ERROR'
assert f.file == 'V2__projects.sql' : "the finding points at ${f.file}:${f.line}, not at the policy"
assert f.message.contains('unset') || f.message.contains("''") : f.message
assert f.message =~ /returned \d+ rows/ : 'the message gives row counts'

// the premise: no static rule of sections 1 and 2 sees anything wrong. Exactly these rule ids, so a rule that is
// new, or that starts firing here, fails: the probe's finding, and the schema hygiene of section 7 (projects has no
// created_at/updated_at)
def ruleIds = report.findings*.rule as Set
assert ruleIds == ['isolation-fail-open', 'timestamps-missing'] as Set : "rule ids: ${ruleIds}; " +
        "findings: ${report.findings.collect { "${it.rule} ${it.table}: ${it.message}" }}"
assert !report.findings.any { it.rule in ['isolation-read-leak', 'isolation-write-leak', 'probe-skipped'] } :
        "only the fail-open hole exists: ${report.findings*.rule}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('isolation-fail-open')
assert log.contains('isolation probe:') : 'build.log does not say what the probe did'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
