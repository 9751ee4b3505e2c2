// fix-goal: four builds of one project (see invoker.properties); build.log holds them one after the other.
import groovy.json.JsonSlurper

File folder = new File(basedir, 'src/main/resources/db/migration')
File migration = new File(folder, 'V6__db_guard_fixes.sql')
File rollback = new File(folder, 'U6__db_guard_fixes.sql')
assert migration.isFile() : "db-guard:fix wrote no ${migration}"
assert rollback.isFile() : "db-guard:fix wrote no ${rollback}"
assert folder.list().sort() == ['U6__db_guard_fixes.sql', 'V1__tenants.sql', 'V2__garages.sql', 'V3__vehicles.sql',
                                'V4__vehicle_events_and_reminders.sql', 'V5__vehicle_images.sql',
                                'V6__db_guard_fixes.sql'] : "files: ${folder.list().sort()}"

// the comment above each block names the finding: "-- <rule> (<severity>) on <table>[, column c]: <message> [file:line]"
def comment = ~/^-- ([a-z-]+) \((ERROR|WARNING|INFO)\) on (\S+?)(?:, column (\S+))?: (.+) \[(\S+):(\d+)\]$/
def blocks = { File file ->
    List<String> written = []
    for (String line : file.readLines()) {
        if (line.startsWith('-- Selected but not written')) {
            break
        }
        def m = line =~ comment
        if (m.matches()) {
            written << "${m.group(1)}|${m.group(3)}".toString()
        }
    }
    written
}

// by default every ERROR finding with a fix: the rules of the schema; the probe's findings on the same tables are
// listed as covered by them
def fixed = ['rls-disabled|public.garages', 'tenant-column-nullable|public.garages',
             'rls-disabled|public.vehicle_events', 'tenant-column-missing|public.vehicle_events',
             'rls-disabled|public.reminders', 'tenant-column-missing|public.reminders',
             'rls-not-forced|public.vehicle_images']
assert blocks(migration) == fixed : "migration blocks: ${blocks(migration)}"
assert blocks(rollback) == fixed.reverse() : "rollback blocks: ${blocks(rollback)}"

String sql = migration.text
assert sql.contains('ALTER TABLE public.garages ALTER COLUMN tenant_id SET NOT NULL;')
assert sql.contains("CREATE POLICY tenant_isolation ON public.reminders USING (tenant_id = current_setting('app.tenant_id')::uuid);")
assert !(sql =~ /(?m)^[^-].*<[a-z]/) : 'the migration holds a placeholder'
// ENABLE ROW LEVEL SECURITY of vehicle_events is in both its rls-disabled and its tenant-column-missing fix: written once
assert sql.count('ALTER TABLE public.vehicle_events ENABLE ROW LEVEL SECURITY;') == 1
def notWritten = sql.substring(sql.indexOf('-- Selected but not written'))
['garages', 'vehicle_events', 'reminders'].each { t ->
    ['isolation-read-leak', 'isolation-write-leak'].each { rule ->
        assert notWritten.contains("-- ${rule} (ERROR) on public.${t}") : "${rule} on ${t} not listed"
    }
}
assert rollback.text.contains('ALTER TABLE public.reminders DROP COLUMN tenant_id;')

// 2. verify after the fix: the written migration applied, no ERROR and none of the fixed findings
def report = new JsonSlurper().parse(new File(basedir, 'target/db-guard/db-guard.json'))
assert report.migrations*.file.contains('V6__db_guard_fixes.sql') : report.migrations*.file
def open = report.findings.findAll { !it.suppressed }
def errors = open.findAll { it.severity == 'ERROR' }
assert errors.isEmpty() : "ERROR findings after the fix: ${errors.collect { "${it.rule} ${it.table} ${it.file}:${it.line} ${it.message}" }}"
assert report.summary.ERROR == 0
def still = open.collect { "${it.rule}|${it.table}".toString() }.intersect(fixed)
assert still.isEmpty() : "fixed findings still reported: ${still}"
String log = new File(basedir, 'build.log').text
assert log.contains('db-guard: wrote the fixes of 7 findings to src/main/resources/db/migration/V6__db_guard_fixes.sql')

// the probe's findings are listed as covered, at INFO; nothing else was left out
assert log.contains('[INFO] db-guard: covered: isolation-read-leak (ERROR) on public.garages')
assert !log.contains('db-guard: not fixed:')

// 3. fix again: nothing to fix, nothing written (the folder listing above has no V7)
assert log.contains('db-guard: nothing to fix')

// 4. an unknown rule id: one message naming it and the known ids
assert log.contains("Invalid parameter fixRules (dbguard.fixRules): unknown rule id 'rls-off'; known rules: ")
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log holds a stack trace'
return true
