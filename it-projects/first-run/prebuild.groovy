// first-run: an empty temp folder, as on a machine where db-guard never ran
File tmp = new File(basedir, 'tmp')
tmp.deleteDir()
assert tmp.mkdirs() : "cannot create ${tmp}"
return true
