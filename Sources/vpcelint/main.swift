import VPCELintKit
print("placeholder")
