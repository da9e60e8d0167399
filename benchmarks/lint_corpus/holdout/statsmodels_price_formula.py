#!/usr/bin/env python
# coding: utf-8

# # King County house sales - hedonic regression with statsmodels

# In[1]:


import numpy as np
import pandas as pd
import statsmodels.formula.api as smf


# In[2]:


homes = pd.read_csv("data/kc_house_data.csv")
homes = homes.query("bedrooms < 15 and sqft_living > 300").copy()
homes["age"] = 2015 - homes["yr_built"]
homes["renovated"] = (homes["yr_renovated"] > 0).astype(int)
homes["log_sqft"] = np.log(homes["sqft_living"])
homes["zip_price_level"] = homes.groupby("zipcode")["price"].transform("mean") / homes["price"].mean()


# In[3]:


shuffled = homes.sample(frac=1.0, random_state=3)
n_fit = int(len(shuffled) * 0.75)
fit_df, eval_df = shuffled.iloc[:n_fit], shuffled.iloc[n_fit:]


# In[4]:


ols = smf.ols("np.log(price) ~ log_sqft + bedrooms + bathrooms + grade + age + renovated + waterfront + view + zip_price_level",
              data=fit_df).fit()
print(ols.summary().tables[1])


# In[5]:


pred = np.exp(ols.predict(eval_df))
mape = np.mean(np.abs(pred - eval_df["price"]) / eval_df["price"])
print(f"holdout MAPE: {mape:.3%}")

