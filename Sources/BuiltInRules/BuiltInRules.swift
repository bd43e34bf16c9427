import LintCore

/// Every rule vpcelint ships, in id order.
public let builtInRules: [any Rule.Type] = []
