// two-phase-tenant-column: the same migrations built three times (see invoker.properties). The reports of each
// build are in their own directory; build.log holds the three builds one after the other.
import groovy.json.JsonSlurper

def report = { String dir ->
    File json = new File(basedir, "target/${dir}/db-guard.json")
    assert json.isFile() : "no JSON report at ${json}"
    new JsonSlurper().parse(json)
}

// rule|severity|table|file:line of every unsuppressed finding, whatever its rule
def findings = { r ->
    r.findings.findAll { !it.suppressed }
            .collect { "${it.rule}|${it.severity}|${it.table}|${it.file}:${it.line}".toString() } as Set
}

// the expected findings exactly, and no rule id besides theirs, suppressed or not: a new rule that fires here fails
def compare = { String build, r, Set expected ->
    Set actual = findings(r)
    def missing = expected - actual
    def extra = actual - expected
    assert missing.isEmpty() && extra.isEmpty() : "${build}\nmissing: ${missing}\nextra: ${extra}"
    def ruleIds = r.findings*.rule as Set
    def expectedIds = expected.collect { it.substring(0, it.indexOf('|')) } as Set
    assert ruleIds == expectedIds : "${build}: rule ids ${ruleIds}, expected exactly ${expectedIds}"
}

def backfill = [
    'tenant-backfill-constant|WARNING|public.vehicles|V2_1__customer_id_expand.sql:5',
    'tenant-backfill-constant|WARNING|public.service_plans|V2_1__customer_id_expand.sql:14',
] as Set

// 1. releases=major-version: the expand V2_1 and the contract V2_3 are one release
def same = report('db-guard-same-release')
assert same.migrations*.file == ['V1__fleet.sql', 'V2_1__customer_id_expand.sql', 'V2_2__customer_id_indexes.sql',
                                 'V2_3__customer_id_contract.sql']
compare('same release', same, backfill + ([
    'drop-default-same-release|ERROR|public.vehicles|V2_3__customer_id_contract.sql:5',
    'not-null-same-release|ERROR|public.vehicles|V2_3__customer_id_contract.sql:9',
    'drop-default-same-release|ERROR|public.service_plans|V2_3__customer_id_contract.sql:12',
    'not-null-same-release|ERROR|public.service_plans|V2_3__customer_id_contract.sql:15',
] as Set))
same.findings.findAll { it.rule in ['not-null-same-release', 'drop-default-same-release'] }.each { f ->
    assert f.column == 'customer_id' : "${f.rule} on ${f.table}: column ${f.column}"
    String name = f.table.substring(f.table.indexOf('.') + 1)
    assert f.message.contains(name) && f.message.contains('customer_id') : "${f.rule}: ${f.message}"
    assert f.fix?.contains(name) && f.fix.contains('customer_id') : "${f.rule} on ${f.table}: no fix with the real names"
    assert f.rollback : "${f.rule} on ${f.table}: no rollback"
}
assert same.summary.ERROR == 4

// 2. releases=per-migration: the contract ships in the release after the expand
def next = report('db-guard-next-release')
compare('next release', next, backfill)
assert next.summary.ERROR == 0
next.findings.findAll { it.rule == 'tenant-backfill-constant' }.each { f ->
    assert f.column == 'customer_id'
    assert f.message.contains('DEFAULT 1') : f.message
}

// 3. productionVersion=2.2: the expand is deployed, not judged again; V2_3 is a release of its own
def production = report('db-guard-in-production')
compare('in production', production, [] as Set)
assert production.summary.ERROR == 0

String log = new File(basedir, 'build.log').text
int failure = log.indexOf('BUILD FAILURE')
int success = log.indexOf('BUILD SUCCESS')
assert failure >= 0 && success > failure : 'build.log: expected BUILD FAILURE, then BUILD SUCCESS'
assert log.indexOf('BUILD SUCCESS', success + 1) > success : 'build.log: the third build did not succeed'
assert log.contains('db-guard found 4 findings at or above ERROR') : 'build.log lacks the failure message'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
