#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Publishes the NativeAOT plugin to artifacts/plugin/libdlcall.so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet publish src/Dlcall.Plugin -r linux-x64 -c Release -o artifacts/plugin -nologo -v quiet
ls -l artifacts/plugin/libdlcall.so
