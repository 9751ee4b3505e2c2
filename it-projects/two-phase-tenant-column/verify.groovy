// two-phase-tenant-column: the same migrations built three times (see invoker.properties). The reports of each
// build are in their own directory; build.log holds the three builds one after the other.
import groovy.json.JsonSlurper

// Rules of docs/RULES.md sections 1, 2 (final schema), 4, 5 and 6 (per migration): what this project is about.
def judged = [
    'tenant-column-missing', 'tenant-column-nullable', 'tenant-column-unreferenced', 'tenant-column-unindexed',
    'tenant-column-constant-default', 'cross-tenant-reference',
    'rls-disabled', 'rls-not-forced', 'rls-without-policy', 'policy-always-true', 'policy-ignores-tenant',
    'policy-write-unchecked', 'app-role-bypasses-rls', 'app-role-owns-tables', 'app-role-can-truncate',
    'view-bypasses-rls', 'security-definer-function', 'security-definer-search-path', 'unique-not-tenant-scoped',
    'timestamp-default-backfill', 'not-null-without-default', 'not-null-same-release', 'drop-default-same-release',
    'tenant-backfill-constant', 'volatile-default-rewrite', 'set-not-null-full-scan',
    'destructive-statement',
    'index-not-concurrent', 'constraint-not-valid-missing', 'column-type-change', 'rename-breaks-clients',
    'lock-timeout-missing',
] as Set

def report = { String dir ->
    File json = new File(basedir, "target/${dir}/db-guard.json")
    assert json.isFile() : "no JSON report at ${json}"
    new JsonSlurper().parse(json)
}

// rule|severity|table|file:line of every unsuppressed finding of the judged rules
def findings = { r ->
    r.findings.findAll { !it.suppressed && it.rule in judged }
            .collect { "${it.rule}|${it.severity}|${it.table}|${it.file}:${it.line}".toString() } as Set
}

def compare = { String build, Set actual, Set expected ->
    def missing = expected - actual
    def extra = actual - expected
    assert missing.isEmpty() && extra.isEmpty() : "${build}\nmissing: ${missing}\nextra: ${extra}"
}

def backfill = [
    'tenant-backfill-constant|WARNING|public.vehicles|V2_1__customer_id_expand.sql:5',
    'tenant-backfill-constant|WARNING|public.service_plans|V2_1__customer_id_expand.sql:14',
] as Set

// 1. releases=major-version: the expand V2_1 and the contract V2_3 are one release
def same = report('db-guard-same-release')
assert same.migrations*.file == ['V1__fleet.sql', 'V2_1__customer_id_expand.sql', 'V2_2__customer_id_indexes.sql',
                                 'V2_3__customer_id_contract.sql']
compare('same release', findings(same), backfill + ([
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
compare('next release', findings(next), backfill)
assert next.summary.ERROR == 0
next.findings.findAll { it.rule == 'tenant-backfill-constant' }.each { f ->
    assert f.column == 'customer_id'
    assert f.message.contains('DEFAULT 1') : f.message
}

// 3. productionVersion=2.2: the expand is deployed, not judged again; V2_3 is a release of its own
def production = report('db-guard-in-production')
compare('in production', findings(production), [] as Set)
assert production.summary.ERROR == 0

String log = new File(basedir, 'build.log').text
int failure = log.indexOf('BUILD FAILURE')
int success = log.indexOf('BUILD SUCCESS')
assert failure >= 0 && success > failure : 'build.log: expected BUILD FAILURE, then BUILD SUCCESS'
assert log.indexOf('BUILD SUCCESS', success + 1) > success : 'build.log: the third build did not succeed'
assert log.contains('db-guard found 4 findings at or above ERROR') : 'build.log lacks the failure message'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
