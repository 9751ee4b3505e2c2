// probe-synthetic-schema: the tenants table needs a row of a global table (plans: enum, jsonb, array columns) and
// of a platform table an init script created in its own schema (platform.users), and has NOT NULL columns of every
// kind (domain with a CHECK, composite, jsonb, array, enum; identity and generated columns); two tables admit one
// row per tenant; a trigger refuses rows outside the session's tenant. Without any fixture file the probe must fill
// and judge every tenant table, and find exactly the one planted leak (public.audit_events, USING (true)).
import groovy.json.JsonSlurper

File json = new File(basedir, 'target/db-guard/db-guard.json')
assert json.isFile() : "no JSON report at ${json}"
def report = new JsonSlurper().parse(json)

// 100 % coverage: every tenant table probed, none skipped
assert report.probe != null : 'the probe did not run'
assert report.probe.keySet() as List == ['tenantTables', 'probed', 'skipped']
assert report.probe.tenantTables == 4 : "tenant tables: ${report.probe}"
assert report.probe.probed == report.probe.tenantTables : "not every tenant table was probed: ${report.probe}; " +
        "${report.findings.findAll { it.rule == 'probe-skipped' }*.message}"
assert report.probe.skipped == 0
assert !report.findings.any { it.rule == 'probe-skipped' }

// exactly the planted leak, found by the probe (and, from the policy's text, by the static rule)
def probeFindings = report.findings.findAll { it.rule in ['isolation-read-leak', 'isolation-write-leak', 'isolation-fail-open'] }
assert probeFindings.collect { "${it.rule} ${it.table}" } as Set ==
        ['isolation-read-leak public.audit_events', 'isolation-write-leak public.audit_events'] as Set :
        "probe findings: ${probeFindings.collect { "${it.rule} ${it.table}: ${it.message}" }}"
// exactly these rule ids, suppressed or not: a rule that is new, or that starts firing here, fails
def ruleIds = report.findings*.rule as Set
assert ruleIds == ['policy-always-true', 'isolation-read-leak', 'isolation-write-leak'] as Set :
        "rule ids: ${ruleIds}; findings: ${report.findings.collect { "${it.rule} ${it.table}: ${it.message}" }}"
def errors = report.findings.findAll { it.severity == 'ERROR' }
assert errors.collect { "${it.rule} ${it.table}" } as Set == ['policy-always-true public.audit_events',
        'isolation-read-leak public.audit_events', 'isolation-write-leak public.audit_events'] as Set :
        "errors: ${errors.collect { "${it.rule} ${it.table}: ${it.message}" }}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('isolation probe: 4 of 4 tenant tables probed, 0 skipped') : 'no coverage line in build.log'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
