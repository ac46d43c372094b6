#!/usr/bin/env bash
# Seeds each fuzz target's corpus with the real files: the bank's files (the
# first byte picks the slot, as bank_file reads it), the shared and library
# cases, a config file and the saved-record fixture. Run from fuzz/.
set -euo pipefail
cd "$(dirname "$0")"
root=..
shared=${HAMSTRING_SHARED:-$root/../shared}
mkdir -p corpus/bank_file corpus/case_file corpus/config_file corpus/record
i=0
for f in bank findings questions diagnoses evidence red_flags ui; do
    { printf "\\x$(printf %02x $i)"; cat "$root/questions/$f.toml"; } > "corpus/bank_file/$f"
    i=$((i + 1))
done
{ printf '\x07'; cat "$root/questions/lang/es.toml"; } > corpus/bank_file/lang-es
for c in "$shared"/cases/*.toml "$root"/questions/cases/*.toml; do
    cp "$c" "corpus/case_file/$(basename "$(dirname "$c")")-$(basename "$c")"
done
printf 'clinic_name = "Riverside Physio"\nemergency_number = "999"\nidle_timeout_seconds = 120\ndone_timeout_seconds = 60\nkiosk = true\nlang = "es"\n' > corpus/config_file/full
cp "$root/tests/fixtures/record-v1.json" corpus/record/v1
echo "seeded: $(ls corpus/bank_file | wc -l) bank, $(ls corpus/case_file | wc -l) case, $(ls corpus/config_file | wc -l) config, $(ls corpus/record | wc -l) record"
