// timestamp-backfill: the same V1 built twice with a different V2 (see invoker.properties). Each build writes its
// reports to its own directory; build.log holds both builds one after the other.
import groovy.json.JsonSlurper

def report = { String dir ->
    File json = new File(basedir, "target/${dir}/db-guard.json")
    assert json.isFile() : "no JSON report at ${json}"
    new JsonSlurper().parse(json)
}

// rule|severity|table.column|file:line of every unsuppressed finding, whatever its rule
def findings = { r ->
    r.findings.findAll { !it.suppressed }
            .collect { "${it.rule}|${it.severity}|${it.table}.${it.column}|${it.file}:${it.line}".toString() } as Set
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

// 1. unsafe: DEFAULT now() on an existing table, and a backfill with now()
def unsafe = report('db-guard-unsafe')
assert unsafe.migrations*.file == ['V1__vehicles.sql', 'V2__record_creation_times.sql']
compare('unsafe', unsafe, [
    'timestamp-default-backfill|ERROR|public.vehicle_events.created_at|V2__record_creation_times.sql:4',
    'timestamp-default-backfill|ERROR|public.vehicles.registered_at|V2__record_creation_times.sql:7',
] as Set)
def added = unsafe.findings.find { it.rule == 'timestamp-default-backfill' && it.column == 'created_at' }
assert added.message.contains('vehicle_events') : added.message
// the fix is the safe sequence with the real names
['ADD COLUMN IF NOT EXISTS created_at', 'SET DEFAULT now()', 'CHECK (created_at IS NOT NULL) NOT VALID',
 'VALIDATE CONSTRAINT', 'SET NOT NULL', 'COMMENT ON COLUMN public.vehicle_events.created_at'].each {
    assert added.fix.contains(it) : "the fix lacks '${it}':\n${added.fix}"
}
assert added.rollback
assert unsafe.summary.ERROR == 2

// 2. safe: the same columns, no row given a time it does not have
def safe = report('db-guard-safe')
assert safe.migrations*.file == ['V1__vehicles.sql', 'V2__record_creation_times.sql']
compare('safe', safe, [] as Set)
assert safe.summary.ERROR == 0

String log = new File(basedir, 'build.log').text
int failure = log.indexOf('BUILD FAILURE')
assert failure >= 0 && log.indexOf('BUILD SUCCESS', failure) > failure : 'build.log: expected BUILD FAILURE, then BUILD SUCCESS'
assert log.contains('db-guard found 2 findings at or above ERROR') : 'build.log lacks the failure message'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
