#!/bin/bash
# admin-case.sh CASES_FILE SOCKDIR: run every line of CASES_FILE as a
# virt-admin command against the daemon whose admin socket is in SOCKDIR and
# print the normalized transcript (the .expected format):
#   $ virt-admin <line>
#   <stdout+stderr, normalized>
#   rc=<exit code>
# "#" lines and empty lines are skipped. @DIR@ in a line stands for SOCKDIR
# (and SOCKDIR in the output is written back as @DIR@). Normalized: connect
# times, client ids in client lists and the trailing blanks of a line.
#
# The .expected files were captured by running this script against the
# reference libvirtd (/work/shared/scripts/reference-libvirtd.sh start DIR;
# admin-case.sh FILE DIR) freshly started, so each file starts from the
# configured defaults.
set -u
cases=$1 dir=$2
uri="libvirtd:///system?socket=$dir/libvirt-admin-sock"
norm() {
    sed -E -e "s#${dir}#@DIR@#g" \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\+0000/@TIME@/g' \
        -e 's/^ [0-9]+( +unix +@TIME@)$/ @ID@\1/' -e 's/[[:space:]]+$//'
}
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    ""|"#"*) continue;;
    esac
    echo "\$ virt-admin $line"
    # shellcheck disable=SC2086
    eval "timeout 20 virt-admin -c '$uri' ${line//@DIR@/$dir}" </dev/null 2>&1 |
        norm
    echo "rc=${PIPESTATUS[0]}"
done < "$cases"
