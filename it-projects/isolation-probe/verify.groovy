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

// the premise: no static rule of sections 1 and 2 sees anything wrong
def staticRules = [
    'tenant-column-missing', 'tenant-column-nullable', 'tenant-column-unreferenced', 'tenant-column-unindexed',
    'tenant-column-constant-default', 'cross-tenant-reference',
    'rls-disabled', 'rls-not-forced', 'rls-without-policy', 'policy-always-true', 'policy-ignores-tenant',
    'policy-write-unchecked', 'app-role-bypasses-rls', 'app-role-owns-tables', 'app-role-can-truncate',
    'view-bypasses-rls', 'security-definer-function', 'security-definer-search-path', 'unique-not-tenant-scoped',
] as Set
def staticFindings = report.findings.findAll { it.rule in staticRules }
assert staticFindings.isEmpty() : "static rules reported: ${staticFindings*.rule}"
assert !report.findings.any { it.rule in ['isolation-read-leak', 'isolation-write-leak', 'probe-skipped'] } :
        "only the fail-open hole exists: ${report.findings*.rule}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('isolation-fail-open')
assert log.contains('isolation probe:') : 'build.log does not say what the probe did'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
