namespace Dlcall.E2E.Tests;
