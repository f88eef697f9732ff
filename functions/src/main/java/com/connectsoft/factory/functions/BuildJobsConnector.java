package com.connectsoft.factory.functions;

import com.connectsoft.factory.app.FactorySettings;
import com.connectsoft.factory.build.domain.BuildJobs;

/** Makes the build jobs the function app hands builds to when FACTORY_BUILD_RUNNER=azure-job (tests give their own). */
@FunctionalInterface
public interface BuildJobsConnector {
    BuildJobs connect(FactorySettings settings);
}
