import CallScopeCLI

CallScopeCommand.main()
