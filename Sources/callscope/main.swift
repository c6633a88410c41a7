import CallScopeCLI

await CallScopeCommand.main()
