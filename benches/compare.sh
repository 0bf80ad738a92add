#!/usr/bin/env bash
# Whole-process timings as a user runs the tool, side by side with pandoc in one hyperfine
# run: a cold full set of the example profile (every document, DOCX + PDF) against pandoc
# converting the same Markdown files to DOCX only, and a run with nothing changed. Needs
# hyperfine and pandoc.
#   bash benches/compare.sh [runs]
# ONLY=id,id,... restricts both sides to those documents (ids from `icp-docs documents`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
only=()
[ -n "${ONLY:-}" ] && only=(--only "$ONLY")
for tool in hyperfine pandoc; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is needed" >&2; exit 1; }
done
cargo build --release --locked --quiet
bin=$PWD/target/release/icp-docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The Markdown pandoc converts: the templates' own output for the same profile.
"$bin" generate profiles/example.yaml --province zhejiang --out "$work/md" --markdown "${only[@]}" >/dev/null 2>&1
mkdir "$work/src"
cp "$work"/md/example/zhejiang/*.md "$work/src/"
n=$(ls "$work"/src/*.md | wc -l)
cat >"$work/pandoc.sh" <<SCRIPT
#!/bin/sh
cd "$work/src" && for f in *.md; do pandoc "\$f" -o "$work/pandoc-\${f%.md}.docx"; done
SCRIPT
chmod +x "$work/pandoc.sh"
"$bin" generate profiles/example.yaml --province zhejiang --out "$work/warm" "${only[@]}" >/dev/null 2>&1

hyperfine -N --warmup 3 --runs "$runs" \
  --prepare "rm -rf $work/cold" \
  -n "icp-docs cold ($n documents, DOCX + PDF)" \
  "$bin generate profiles/example.yaml --province zhejiang --out $work/cold ${only[*]}" \
  -n "pandoc ($n Markdown files to DOCX)" "$work/pandoc.sh" \
  -n "icp-docs, nothing changed" \
  "$bin generate profiles/example.yaml --province zhejiang --out $work/warm ${only[*]}" \
  --export-markdown "$work/table.md"
cat "$work/table.md"
echo "PDF bytes: $(cat "$work"/warm/example/zhejiang/*.pdf | wc -c)"
