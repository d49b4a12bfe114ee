# The modules of harness/, lowest first, each with every module it may include: the one place
# the layering is written down. harness/CMakeLists.txt makes one library per module from it,
# whose include root holds only that module and the modules listed, so a wrong include is
# "No such file" at build time; the Architecture.* tests (tests/foundation/architecture_test.cpp)
# compare it with ARCHITECTURE.md and with the includes in the sources.
# Each list must be closed (a module listed brings its own list) and name only earlier modules.
set(conform_modules core contract validate derive fixture http cases checks engine mock report
                    export)
set(conform_may_include_core "")
set(conform_may_include_contract core)
set(conform_may_include_validate core contract)
set(conform_may_include_derive core contract validate)
set(conform_may_include_fixture core contract validate)
set(conform_may_include_http core)
set(conform_may_include_cases core contract validate fixture)
set(conform_may_include_checks core contract validate fixture cases)
set(conform_may_include_engine core contract validate fixture http cases checks)
set(conform_may_include_mock core contract validate)
set(conform_may_include_report core contract validate fixture http cases checks engine)
set(conform_may_include_export core contract validate fixture)
# properties/ (top level, its own include root) links conform_engine: engine/ and all it may use.
set(conform_may_include_properties core contract validate fixture http cases checks engine)
